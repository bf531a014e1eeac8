"""The public pages of zones and industrial complexes.

They show each place with its mini clusters (networks) and its organizations (directory),
so they live in the portal, which composes the apps, and not in geography below them.
"""
