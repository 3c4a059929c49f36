"""Only the owner of a request, or whoever knows its contact, may cancel or erase it."""

from __future__ import annotations

from logic.climatech.ownership import contacts_in, may_manage

PHONE_REQUEST = {"name": "Yann Morvan", "phone": "06 98 76 54 32"}
EMAIL_REQUEST = {"name": "Jeanne Le Goff", "contact": "jeanne.legoff@example.fr"}


def test_the_conversation_that_made_the_request_needs_nothing_more() -> None:
    assert may_manage("owner", PHONE_REQUEST, "owner", "annuler RDV-7K3Q")


def test_a_guessed_reference_alone_is_not_enough() -> None:
    assert not may_manage("owner", PHONE_REQUEST, "stranger", "annuler RDV-7K3Q")
    assert not may_manage(None, PHONE_REQUEST, "stranger", "annuler RDV-7K3Q")


def test_the_contact_given_that_day_proves_the_request() -> None:
    assert may_manage("owner", PHONE_REQUEST, "stranger", "annuler CC-7K3Q 0698765432")
    assert may_manage("owner", PHONE_REQUEST, "x", "annuler CC-7K3Q +33 6 98 76 54 32")
    assert may_manage("owner", EMAIL_REQUEST, "x", "annuler RDV-7K3Q Jeanne.LeGoff@example.fr")
    assert not may_manage("owner", PHONE_REQUEST, "x", "annuler CC-7K3Q 06 12 34 56 78")
    assert not may_manage("owner", EMAIL_REQUEST, "x", "annuler RDV-7K3Q autre@example.fr")


def test_erased_contacts_prove_nothing() -> None:
    erased = {"name": None, "phone": None, "personal_data_deleted": True}
    assert not may_manage(None, erased, "x", "annuler CC-7K3Q 0698765432")


def test_the_digits_of_a_reference_are_not_a_phone_number() -> None:
    assert contacts_in("annuler RDV-0612 3456 78") == set()
    assert contacts_in("annuler RDV-7K3Q au 06.98.76.54.32") == {"0698765432"}
