"""The read-only reservation pages of the staff console."""

import pytest

from reservations.tests.factories import ReservationFactory

pytestmark = pytest.mark.django_db

ADMIN = "/admin/catalog/"


def test_the_reservation_list_is_read_only(staff_client):
    response = staff_client.get(f"{ADMIN}reservations/reservation/")
    add = staff_client.get(f"{ADMIN}reservations/reservation/add/")

    assert response.status_code == 200
    assert add.status_code == 403


def test_the_reservation_list_finds_an_order_and_survives_a_malformed_search(staff_client):
    reservation = ReservationFactory()
    ReservationFactory()

    found = staff_client.get(f"{ADMIN}reservations/reservation/", {"q": str(reservation.order_id)})
    malformed = staff_client.get(f"{ADMIN}reservations/reservation/", {"q": "not-a-uuid"})

    assert list(found.context["cl"].queryset) == [reservation]
    assert malformed.status_code == 200
