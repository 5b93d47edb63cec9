from django.urls import path  # noqa: F401 (pages of sponsors, programmes and the planner arrive here)

app_name = "funding"
urlpatterns: list = []  # type: ignore[type-arg]
