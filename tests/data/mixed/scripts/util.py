def retries(config: dict) -> int:
    return config.get("retries", 3)
