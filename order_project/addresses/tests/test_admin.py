import pytest
from django.contrib.auth import get_user_model

from addresses.models import Address
from addresses.tests.factories import AddressFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/orders/addresses/address/"


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser(
        username="staff@example.com", email="staff@example.com", password=None
    )
    client.force_login(user)
    return client


def test_staff_find_a_users_addresses_by_user_id(staff):
    wanted = AddressFactory(name="Wanted Person")
    other = AddressFactory(name="Other Person")

    response = staff.get(CHANGELIST, {"q": str(wanted.user_id)})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Wanted Person" in content
    assert "Other Person" not in content
    assert str(other.id) not in content


def test_an_address_page_is_read_only(staff):
    address = AddressFactory(city="Almaty")

    page = staff.get(f"{CHANGELIST}{address.id}/change/")
    post = staff.post(f"{CHANGELIST}{address.id}/change/", {"city": "Astana"})

    assert page.status_code == 200
    assert 'name="city"' not in page.content.decode()
    assert post.status_code == 403
    address.refresh_from_db()
    assert address.city == "Almaty"


def test_staff_cannot_add_or_delete_addresses(staff):
    address = AddressFactory()

    assert staff.get(f"{CHANGELIST}add/").status_code == 403
    assert staff.post(f"{CHANGELIST}{address.id}/delete/", {"post": "yes"}).status_code == 403
    assert Address.objects.filter(pk=address.pk).exists()
