/*
 * lianxin: the only script.  With JavaScript, the community list of the
 * request form narrows to the chosen street and the grid list to the
 * chosen community.  Without it, the grouped lists work as they are.
 * Served by nginx under a name with its content's hash (see the Makefile).
 */
(function () {
	'use strict';
	var st = document.getElementById('street'),
	    cm = document.getElementById('community'),
	    gr = document.getElementById('grid');
	if (!st || !cm || !gr)
		return;
	var cmAll = cm.cloneNode(true), grAll = gr.cloneNode(true);

	/* Keep in sel only all's option groups whose attr equals key. */
	function narrow(sel, all, attr, key) {
		var keep = sel.value;
		while (sel.options.length > 1)
			sel.remove(1);
		while (sel.lastElementChild &&
		    sel.lastElementChild.tagName === 'OPTGROUP')
			sel.removeChild(sel.lastElementChild);
		Array.prototype.forEach.call(all.querySelectorAll('optgroup'),
		    function (g) {
			if (!key || g.getAttribute(attr) === key)
				sel.appendChild(g.cloneNode(true));
		});
		sel.value = keep;
		if (sel.value !== keep)
			sel.value = '';
	}
	function onStreet() {
		narrow(cm, cmAll, 'data-street', st.value);
		onCommunity();
	}
	function onCommunity() {
		narrow(gr, grAll, 'data-community', cm.value);
	}
	st.addEventListener('change', onStreet);
	cm.addEventListener('change', onCommunity);
	if (st.value)
		onStreet();
	else if (cm.value)
		onCommunity();
})();

/*
 * The resident's compound (小区): with JavaScript, the search box lists
 * matching compounds as one types (GET /compounds.json?q=), and "use my
 * location" picks the nearest compound with a point (?lat=&lng=).
 * Picking one fills street, community and grid and the hidden field
 * "compound".  Without JavaScript the search box is a GET form whose
 * results are links that do the same (cgi/place.c).
 */
(function () {
	'use strict';
	var q = document.getElementById('q'),
	    out = document.getElementById('place-results'),
	    hid = document.getElementById('compound'),
	    shown = document.getElementById('picked'),
	    loc = document.getElementById('locate');
	if (!q || !out || !hid || !shown)
		return;
	var timer = null, seq = 0;

	function set(id, v) {
		var s = document.getElementById(id);
		if (!s)
			return;
		s.value = String(v);
		s.dispatchEvent(new Event('change'));
	}
	function pick(c) {
		set('street', c.street_id);
		set('community', c.community_id);
		set('grid', c.grid_id);
		hid.value = String(c.id);
		shown.textContent = '已选择小区：' + c.name + '（' +
		    c.community + ' · ' + c.grid + '）';
		shown.hidden = false;
		out.textContent = '';
	}
	function list(cs, none) {
		out.textContent = '';
		if (!cs.length) {
			var p = document.createElement('p');
			p.className = 'muted';
			p.textContent = none;
			out.appendChild(p);
			return;
		}
		var ul = document.createElement('ul');
		ul.className = 'picks';
		cs.forEach(function (c) {
			var li = document.createElement('li'),
			    b = document.createElement('button'),
			    m = document.createElement('span');
			b.type = 'button';
			b.textContent = c.name + ' ';
			m.className = 'muted';
			m.textContent = c.community + ' · ' + c.grid +
			    (c.metres !== undefined ? ' · 约' + c.metres + '米' : '');
			b.appendChild(m);
			b.addEventListener('click', function () { pick(c); });
			li.appendChild(b);
			ul.appendChild(li);
		});
		out.appendChild(ul);
	}
	function ask(qs, none, auto) {
		var my = ++seq;
		fetch('/compounds.json?' + qs).then(function (r) {
			return r.json();
		}).then(function (d) {
			if (my !== seq)
				return;
			if (!auto || !d.compounds.length) {
				list(d.compounds, none);
				return;
			}
			pick(d.compounds[0]);
			if (d.compounds.length > 1) {
				list(d.compounds.slice(1), '');
				out.insertBefore(document.createTextNode(
				    '不是这里？附近还有：'), out.firstChild);
			}
		}).catch(function () {});
	}
	q.addEventListener('input', function () {
		clearTimeout(timer);
		var v = q.value.trim();
		if (!v) {
			out.textContent = '';
			return;
		}
		timer = setTimeout(function () {
			ask('q=' + encodeURIComponent(v),
			    '没有找到这个小区。请换个写法，或直接在下面选择街道和社区。',
			    false);
		}, 250);
	});
	if (loc && navigator.geolocation) {
		loc.hidden = false;
		loc.addEventListener('click', function () {
			navigator.geolocation.getCurrentPosition(function (p) {
				ask('lat=' + p.coords.latitude.toFixed(6) +
				    '&lng=' + p.coords.longitude.toFixed(6),
				    '附近没有登记过位置的小区，请输入小区名称查找。',
				    true);
			}, function () {
				list([], '无法获取您的位置，请输入小区名称查找。');
			}, { timeout: 10000, maximumAge: 60000 });
		});
	}
})();
