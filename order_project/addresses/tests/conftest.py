import pytest


@pytest.fixture
def address_data() -> dict:
    """A valid body for POST /addresses."""
    return {
        "name": "Aigerim Sadykova",
        "line1": "12 Abay Avenue",
        "line2": "Apartment 4",
        "city": "Almaty",
        "postal_code": "050000",
        "country": "KZ",
        "phone": "+7 701 123 45 67",
    }
