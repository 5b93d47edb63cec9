"""`jaring enrol programme ID`: a cohort of proposed memberships from the programme's plan (issue 10)."""

from __future__ import annotations

import typer

from jaring.cli.console import out, print_json, refuse

app = typer.Typer(no_args_is_help=True)


@app.command("programme", help="Membangun kohort: mengusulkan kepesertaan bagi pekerja yang dipilih rencana.")
def programme(
    programme_id: int = typer.Argument(..., help="Nomor program."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    from jaring.enrolment.services import EnrolmentRefused, cohort_enrol
    from jaring.funding.models import Programme

    found = Programme.objects.filter(pk=programme_id).first()
    try:
        if found is None:
            raise EnrolmentRefused("PROGRAMME.NOT_FOUND", f"Program nomor {programme_id} tidak ada.")
        result = cohort_enrol(actor=None, programme=found)
    except EnrolmentRefused as exc:
        refuse(exc.code, exc.message, as_json=as_json)
    if as_json:
        print_json(result.as_json())
        return
    out.print(f"Kepesertaan diusulkan: [bold]{result.proposed:,}[/bold]".replace(",", "."))
    for code, count in result.blocked.items():
        text = "sudah didanai pada bulan yang sama" if code == "COVERED.ALREADY" else code
        out.print(f"Tertahan ({text}): {count:,}".replace(",", "."))
