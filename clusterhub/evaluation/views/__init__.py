"""Program evaluation pages, one module per family: the overview, index systems, scorecards
and entities, the records behind a number, evaluator input, goals, recomputation runs and
reports.

Views are thin: they fetch through `policies.access_*`, read through `selectors`, write
through one service, and render. The evaluation section is for the program's staff, the
committee and coordinators; the goal table computed from the source documents is public.
"""
