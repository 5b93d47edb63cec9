"""Login failures: a keyed digest instead of the typed username, counted per (account, address) and
per address. Old rows held typed text (sometimes a password) and are dropped: they only throttle for
15 minutes."""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def forget_typed_usernames(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("accounts", "LoginFailure").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.RunPython(forget_typed_usernames, migrations.RunPython.noop),
        migrations.RemoveField(model_name="loginfailure", name="username"),
        migrations.AddField(
            model_name="loginfailure",
            name="username_digest",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name="loginfailure",
            index=models.Index(fields=["username_digest", "ip", "at"], name="loginfailure_pair"),
        ),
        migrations.AddIndex(
            model_name="loginfailure",
            index=models.Index(fields=["ip", "at"], name="loginfailure_address"),
        ),
    ]
