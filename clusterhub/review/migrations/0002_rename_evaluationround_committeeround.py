"""The review app's committee sitting is a "committee round", not an "evaluation round".

The `evaluation` app owns program evaluation; giving the committee's sitting its own name keeps
the two apart. Renaming (not delete + create) keeps every round, its history and the foreign
keys that point at it; the rest only relabels verbose names and one related name.
"""

import django.db.models.deletion
from django.db import migrations, models


def _round(related_name):
    return models.ForeignKey(
        on_delete=django.db.models.deletion.CASCADE,
        related_name=related_name,
        to="review.committeeround",
        verbose_name="committee round",
    )


def _historical_round():
    return models.ForeignKey(
        blank=True,
        db_constraint=False,
        null=True,
        on_delete=django.db.models.deletion.DO_NOTHING,
        related_name="+",
        to="review.committeeround",
        verbose_name="committee round",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("pipeline", "0001_initial"),
        ("review", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel("EvaluationRound", "CommitteeRound"),
        migrations.RenameModel("HistoricalEvaluationRound", "HistoricalCommitteeRound"),
        migrations.AlterModelOptions(
            name="committeeround",
            options={
                "ordering": ["-year", "-created_at", "-id"],
                "verbose_name": "committee round",
                "verbose_name_plural": "committee rounds",
            },
        ),
        migrations.AlterModelOptions(
            name="historicalcommitteeround",
            options={
                "get_latest_by": ("history_date", "history_id"),
                "ordering": ("-history_date", "-history_id"),
                "verbose_name": "historical committee round",
                "verbose_name_plural": "historical committee rounds",
            },
        ),
        migrations.AlterField(
            model_name="committeeround",
            name="support_type",
            field=models.ForeignKey(
                blank=True,
                help_text="Leave empty for a round that reviews several support types.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="committee_rounds",
                to="pipeline.supporttype",
                verbose_name="support type",
            ),
        ),
        migrations.AlterField(model_name="committeemember", name="round", field=_round("members")),
        migrations.AlterField(model_name="roundapplication", name="round", field=_round("entries")),
        migrations.AlterField(model_name="assignment", name="round", field=_round("assignments")),
        migrations.AlterField(model_name="conflict", name="round", field=_round("conflicts")),
        migrations.AlterField(
            model_name="historicalcommitteemember", name="round", field=_historical_round()
        ),
        migrations.AlterField(
            model_name="historicalroundapplication", name="round", field=_historical_round()
        ),
        migrations.AlterField(
            model_name="historicalassignment", name="round", field=_historical_round()
        ),
        migrations.AlterField(
            model_name="historicalconflict", name="round", field=_historical_round()
        ),
    ]
