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
