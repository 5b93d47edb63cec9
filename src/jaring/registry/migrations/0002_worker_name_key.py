from django.db import migrations, models


def fill_name_keys(apps, schema_editor):
    # Historical code: the key function is imported, not the model, so later model changes cannot break it.
    from jaring.registry.names import name_key

    Worker = apps.get_model("registry", "Worker")
    batch = []
    for worker in Worker.objects.only("id", "search_name").iterator(chunk_size=5000):
        worker.name_key = name_key(worker.search_name)
        batch.append(worker)
        if len(batch) == 5000:
            Worker.objects.bulk_update(batch, ["name_key"])
            batch = []
    Worker.objects.bulk_update(batch, ["name_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="worker",
            name="name_key",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
    ]
