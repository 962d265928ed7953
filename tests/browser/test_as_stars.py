#!/usr/bin/env python3
"""The star rating pages (星级评定 of 两新 organisations, issue 22 point 4)
in headless Chromium at 375 px and 1280 px, with pagecheck.check_page
(no sideways scrolling, tap targets of at least 44 px, no CJK word broken
a character per line) and a screenshot browser-stars-<name>-<width>.png:
the list, the overview, the sub-indicators (frozen and editable, and a
sum refused), an organisation at each reader's step, and /unit/stars as
the demo's organisation account org1.

Environment: LIANXIN_TEST_PORT, the stack's VAR (scripts/test.sh).
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pagecheck import BASE, check_page, login_as, run_parts, sql  # noqa: E402

# The demo's years: last year's ratings confirmed, this year's in every
# state; a year without items for the editable form.
YEAR = int(time.strftime("%Y", time.gmtime(time.time() + 8 * 3600)))


def org(state, year, street_of="street1"):
    """An organisation of the user's street whose rating is in state."""
    v = sql("SELECT r.unit_id FROM star_ratings r JOIN units u ON u.id = "
            "r.unit_id JOIN regions g ON g.id = u.region_id WHERE "
            "g.street_id = (SELECT region_id FROM users WHERE username = "
            "'%s') AND r.year = %d AND r.state = '%s' AND u.kind = 'org' "
            "ORDER BY r.unit_id LIMIT 1" % (street_of, year, state))
    assert v, "no organisation at %s in %d" % (state, year)
    return v.split("\n")[0]


def staff(d, width):
    login_as(d, "district")
    for name, path in (
            ("list", "/assess/stars?year=%d" % YEAR),
            ("list-filtered", "/assess/stars?year=%d&stars=4&state="
             "confirmed" % (YEAR - 1)),
            ("overview", "/assess/stars/overview?year=%d" % YEAR),
            ("items-frozen", "/assess/stars/items?year=%d" % YEAR),
            ("org-district", "/assess/stars/org/%s?year=%d"
             % (org("street", YEAR), YEAR)),
            ("org-confirmed", "/assess/stars/org/%s?year=%d"
             % (org("confirmed", YEAR - 1), YEAR - 1)),
            ("org-404", "/assess/stars/org/999999999")):
        d.go(BASE + path)
        check_page(d, width, "stars-" + name)
    # A year without items: the form, then a sum refused (400).
    sql("DELETE FROM star_items WHERE year = 2099")
    d.go(BASE + "/assess/stars/items?year=2099")
    check_page(d, width, "stars-items-empty")
    d.type("#items", "党组织班子,班子健全,5\n")
    d.click("button[value=save]")
    for _ in range(50):
        if d.js("return document.querySelector('.notice-bad') !== null;"):
            break
        time.sleep(0.1)
    check_page(d, width, "stars-items-400")
    login_as(d, "street1")
    d.go(BASE + "/assess/stars/org/%s?year=%d" % (org("self", YEAR), YEAR))
    check_page(d, width, "stars-org-street")


def unit(d, width):
    login_as(d, "org1")
    d.go(BASE + "/unit/stars")
    check_page(d, width, "stars-unit")
    d.go(BASE + "/unit/stars?year=%d" % (YEAR - 1))
    check_page(d, width, "stars-unit-last-year")


def main():
    return run_parts((staff, unit))


if __name__ == "__main__":
    sys.exit(main())
