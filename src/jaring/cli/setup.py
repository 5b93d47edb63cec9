from __future__ import annotations

import time

from django.core.management import call_command
from rich.progress import Progress

from jaring.cli.console import out


def setup() -> None:
    started = time.perf_counter()
    out.print("Migrasi basis data…")
    call_command("migrate", interactive=False, verbosity=0)
    from jaring.regions.services import regions_load_kemendagri

    with Progress(transient=True, console=out) as progress:
        task = progress.add_task("Memuat wilayah Kemendagri", total=None)

        def report(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        result = regions_load_kemendagri(progress=report)
    state = "dimuat" if result.loaded else "sudah mutakhir, dilewati"
    counts = result.counts
    out.print(
        f"Wilayah {result.dataset}: {state} — {counts.get(1, 0)} provinsi, {counts.get(2, 0)} kabupaten/kota, "
        f"{counts.get(3, 0)} kecamatan, {counts.get(4, 0)} desa/kelurahan."
    )
    from jaring.registry.occupations import occupations_load

    out.print(f"Katalog pekerjaan: {occupations_load()} entri.")
    # Production serves static files only from here (WHITENOISE_USE_FINDERS is off there); a repeat copies
    # only what changed, so an upgrade followed by `jaring setup` refreshes them.
    call_command("collectstatic", interactive=False, verbosity=0)
    out.print("Berkas statis disiapkan.")
    out.print(f"Selesai dalam {time.perf_counter() - started:.1f} detik.")
