from peerinspect.domain.privacy import personal_data_warnings


def warned(text: str) -> list[str]:
    return [p.message for p in personal_data_warnings({"notes": text})]


def test_a_full_name_or_a_date_of_birth_is_warned_about():
    assert "full name ('Jamie Carter')" in warned("Jamie Carter was seen at home")[0]
    assert "date of birth" in warned("Seen at home; DOB 03/04/2015")[0]
    assert "date of birth" in warned("born 3.4.2015")[0]


def test_ordinary_inspection_notes_are_not_warned_about():
    for text in ["The Child Protection plan is clear", "Team Manager oversight is good", "Mum said the social worker listens", ""]:
        assert warned(text) == [], text
