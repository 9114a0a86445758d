"""The log format of every service: one line per record, with the request id."""


def logging_config(*, service: str, level: str = "INFO") -> dict:
    """Returns a LOGGING dict for `service`."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "shop_common.request_id.RequestIDLogFilter"}},
        "formatters": {
            "line": {
                "format": (
                    f"%(asctime)s %(levelname)s {service} [%(request_id)s] %(name)s: %(message)s"
                ),
            },
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_id"],
                "formatter": "line",
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.server": {"level": "WARNING"},
        },
    }
