#!/usr/bin/env python3
"""The dashboard's 共驻共建 section (issue 20 point 7) in headless Chromium
at 375 px (a phone) and 1280 px (a desktop): a district official opens the
dashboard of the district, of 西兴街道 (community1's street) and of
星民社区 for May 2017, where this test puts a small fixture of raw
co-building rows (ids 971xxx; nothing else has data that long ago).  On
each page: the standard checks (pagecheck.check_page: no sideways
scrolling, tap targets of at least 44 px, no CJK word broken), the
section's figures table in a box of its own, its 口径 notes, the drill-down
links to the children, and — above a community — the bar chart
/charts/cobuild.png loaded, stating every bar in its alt text, and the
figure picker changing the chart.  Screenshots browser-cb-figures-*.png
in tests/artifacts/.

Environment: LIANXIN_TEST_PORT, the stack's VAR (scripts/test.sh).
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_pages import Driver, run  # noqa: E402
from pagecheck import BASE, check_page, login_as, sql  # noqa: E402
from test_dashboard import images_loaded  # noqa: E402

ID0 = 971000
PERIOD = "from=2017-05-01&to=2017-05-31"


def fixture():
    """Two agreements, a commitment kept, needs, a wish, a decision, a
    rating, in 星民社区 and its street (May 2017)."""
    c = sql("SELECT region_id FROM users WHERE username = 'community1'")
    s = sql("SELECT parent_id FROM regions WHERE id = %s" % c)
    admin = sql("SELECT id FROM users WHERE username = 'admin'")
    units = sql("SELECT id FROM units WHERE region_id = %s AND org_kind "
                "IS NOT NULL ORDER BY id LIMIT 2" % c).split("\n")
    u1, u2 = units[0], units[1]
    sql("""
DELETE FROM evaluations WHERE id BETWEEN {a} AND {b};
DELETE FROM decisions WHERE id BETWEEN {a} AND {b};
DELETE FROM meeting_units WHERE meeting_id BETWEEN {a} AND {b};
DELETE FROM meetings WHERE id BETWEEN {a} AND {b};
DELETE FROM wishes WHERE id BETWEEN {a} AND {b};
DELETE FROM needs WHERE id BETWEEN {a} AND {b};
DELETE FROM commitments WHERE id BETWEEN {a} AND {b};
DELETE FROM agreements WHERE id BETWEEN {a} AND {b};
INSERT INTO agreements (id, unit_id, region_id, year, state, valid_from,
  valid_to, created_by, created_at) VALUES
  ({a}+1, {u1}, {c}, 2017, 'signed', '2017-01-01', '2017-12-31', {adm},
   '2017-01-01'),
  ({a}+2, {u2}, {c}, 2017, 'signed', '2017-01-01', '2017-12-31', {adm},
   '2017-01-01'),
  ({a}+3, {u1}, {s}, 2017, 'signed', '2017-01-01', '2017-12-31', {adm},
   '2017-01-01');
INSERT INTO commitments (id, agreement_id, kind, content, quantity,
  qty_unit, due_on, state, fulfilled_on, confirmed_at) VALUES
  ({a}+11, {a}+1, 'venue', '浏览器测试承诺', 1, '次', '2017-05-10',
   'confirmed', '2017-05-08', '2017-05-09 02:00:00'),
  ({a}+12, {a}+2, 'funds', '浏览器测试承诺', 1, '元', '2017-05-20', 'open',
   NULL, NULL);
INSERT INTO needs (id, region_id, title, kind, published_by, published_at,
  state, claim_unit_id, claimed_at) VALUES
  ({a}+21, {c}, '浏览器测试需求', 'goods', {adm}, '2017-05-02 02:00:00',
   'claimed', {u1}, '2017-05-03 02:00:00'),
  ({a}+22, {c}, '浏览器测试需求', 'goods', {adm}, '2017-05-04 02:00:00',
   'open', NULL, NULL),
  ({a}+23, {s}, '浏览器测试需求', 'goods', {adm}, '2017-05-04 02:00:00',
   'open', NULL, NULL);
INSERT INTO wishes (id, region_id, title, value_cap, resident_name,
  posted_by, posted_at) VALUES
  ({a}+31, {c}, '浏览器测试心愿', 50, '居民甲', {adm}, '2017-05-05 02:00:00');
INSERT INTO meetings (id, region_id, held_on, title, created_by, created_at)
  VALUES ({a}+41, {c}, '2017-05-06', '浏览器测试联席会议', {adm},
  '2017-05-06');
INSERT INTO meeting_units (meeting_id, unit_id) VALUES ({a}+41, {u2});
INSERT INTO decisions (id, meeting_id, text, due_on, state, done_at) VALUES
  ({a}+51, {a}+41, '浏览器测试议定事项', '2017-05-25', 'done',
   '2017-05-24 02:00:00');
INSERT INTO evaluations (id, agreement_id, direction, rating, rated_by,
  rated_at) VALUES ({a}+61, {a}+1, 'community_rates_unit', 'satisfied',
  {adm}, '2017-05-28 02:00:00');
""".format(a=ID0, b=ID0 + 999, c=c, s=s, u1=u1, u2=u2, adm=admin))
    return c, s, sql("SELECT parent_id FROM regions WHERE id = %s" % s)


def cobuild_images(d):
    """Once every image has finished (test_dashboard.images_loaded), the
    section's: [naturalWidth, currentSrc, alt] each."""
    images_loaded(d)
    return d.js("return Array.prototype.map.call(document.querySelectorAll("
                "'#cobuild img'), function(i){return [i.naturalWidth,"
                "i.currentSrc, i.alt];});")


def check_section(d, width, chart):
    body = d.js("var s = document.getElementById('cobuild');"
                "return s ? s.textContent : '';")
    for word in ("共驻共建", "单位参与率", "承诺兑现率", "需求认领率",
                 "需求办结率", "心愿实现率", "议定事项按期办结率",
                 "共建评议满意率（社区评单位）", "口径", "时段内发布且未撤回"):
        assert word in body, "%d px: no %s in the section" % (width, word)
    # The table scrolls in its own box when wider than the screen.
    box = d.js("var t = document.querySelector('#cobuild table');"
               "var b = t.parentElement.getBoundingClientRect();"
               "return [b.right, getComputedStyle(t.parentElement)"
               ".overflowX];")
    assert box[0] <= width, "%d px: the table's box ends at %s" % (
        width, box[0])
    imgs = cobuild_images(d)
    if not chart:
        assert not imgs, "a chart below a street"
        return
    assert len(imgs) == 1, imgs
    nat, src, alt = imgs[0]
    assert nat > 0, "the chart did not load: %s" % src
    assert "/charts/cobuild.png?fig=" in src, src
    assert "/" in alt and "：" in alt, "alt states no figure: %s" % alt


def test_section_375_and_1280():
    c, s, dist = fixture()
    for width in (375, 1280):
        d = Driver(width)
        try:
            login_as(d, "district")
            # The district: its streets, one row each, 西兴街道 with data.
            d.go(BASE + "/dashboard?region=%s&%s#cobuild" % (dist, PERIOD))
            check_page(d, width, "cb-figures-district")
            check_section(d, width, True)
            # Drill down to the street by its link in the section.
            d.js("document.querySelector('#cobuild a[href*=\"region=%s&\"]')"
                 ".click();" % s)
            for _ in range(100):
                if "region=%s&" % s in d.s("GET", "/url"):
                    break
                time.sleep(0.1)
            assert "region=%s&" % s in d.s("GET", "/url")
            check_page(d, width, "cb-figures-street")
            check_section(d, width, True)
            text = d.js("return document.querySelector('#cobuild table')"
                        ".textContent;")
            assert "星民社区" in text and "本级" in text, text
            # The picker: another figure's chart, without JavaScript's help
            # (a GET form).
            d.go(BASE + "/dashboard?region=%s&%s&cbfig=need_claim#cobuild"
                 % (s, PERIOD))
            check_page(d, width, "cb-figures-street-needs")
            check_section(d, width, True)
            assert "fig=need_claim" in cobuild_images(d)[0][1]
            # The community: its figures, no chart of children.
            d.go(BASE + "/dashboard?region=%s&%s#cobuild" % (c, PERIOD))
            check_page(d, width, "cb-figures-community")
            check_section(d, width, False)
        finally:
            d.quit()


if __name__ == "__main__":
    sys.exit(run([test_section_375_and_1280]))
