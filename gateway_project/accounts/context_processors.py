def shopper(request) -> dict:
    """`shopper` in every template: the signed-in person or None."""
    return {"shopper": getattr(request, "shopper", None)}
