from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Development only: the demo newspaper and its admin account (installed with DEMO=1)."""

    name = "demo"
    verbose_name = "Demo"
