from __future__ import annotations

import pytest
from django.test import Client

from jaring.accounts.services import api_token_create

pytestmark = pytest.mark.django_db


def _bearer(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token_create(user=user, name='test').plaintext}"}


def test_region_by_token(tegal_operator):
    response = Client().get("/api/v1/regions/33.28.01", headers=_bearer(tegal_operator))
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Margasari"
    assert [a["code"] for a in body["ancestors"]] == ["33", "33.28"]
    assert body["children_count"] > 0


def test_region_outside_scope_is_not_found(bekasi_operator):
    response = Client().get("/api/v1/regions/33.28", headers=_bearer(bekasi_operator))
    assert response.status_code == 404


def test_bad_token_is_refused():
    response = Client().get("/api/v1/regions/33", headers={"Authorization": "Bearer jrg_salah"})
    assert response.status_code == 401


def test_nik_endpoint(tegal_operator):
    body = Client().get("/api/v1/nik/3602041211870001", headers=_bearer(tegal_operator)).json()
    assert body["valid"] is True
    assert (body["sex"], body["birth_date"], body["district_code"]) == ("M", "1987-11-12", "36.02.04")
    assert body["region_names"]["36.02"] == "Kabupaten Lebak"


def test_nik_endpoint_reports_errors_in_indonesian(tegal_operator):
    body = Client().get("/api/v1/nik/1234", headers=_bearer(tegal_operator)).json()
    assert body["valid"] is False
    assert body["errors"][0]["code"] == "NIK.LENGTH"


def test_leader_cannot_check_nik(leader):
    response = Client().get("/api/v1/nik/3602041211870001", headers=_bearer(leader))
    assert response.status_code == 403


def test_openapi_schema_lists_operations(client_for, tegal_operator):
    schema = client_for(tegal_operator).get("/api/v1/openapi.json").json()
    assert {"/api/v1/regions/{code}", "/api/v1/nik/{nik}"} <= set(schema["paths"])


def test_openapi_schema_readable_with_a_token(tegal_operator):
    response = Client().get("/api/v1/openapi.json", headers=_bearer(tegal_operator))
    assert response.status_code == 200
    assert "/api/v1/workers" in response.json()["paths"]


def test_openapi_schema_refuses_a_bad_token_and_strangers():
    assert Client().get("/api/v1/openapi.json", headers={"Authorization": "Bearer jrg_salah"}).status_code == 401
    assert Client().get("/api/v1/openapi.json").status_code == 302


def test_unreadable_body_answers_the_documented_error_shape(tegal_operator):
    response = Client().post(
        "/api/v1/calc/contribution", "\x00", content_type="application/json", headers=_bearer(tegal_operator)
    )
    assert response.status_code == 400
    assert set(response.json()) == {"detail", "code", "message_en"}
    assert response.json()["code"] == "BAD_REQUEST_BODY"


def test_every_operation_documents_its_refusals():
    from jaring.api.api import api

    for path, item in api.get_openapi_schema()["paths"].items():
        for method, operation in item.items():
            assert "401" in {str(code) for code in operation["responses"]}, (method, path)
