from django.urls import path  # noqa: F401 (the PDF documents BPJS asks for arrive here)

app_name = "documents"
urlpatterns: list = []  # type: ignore[type-arg]
