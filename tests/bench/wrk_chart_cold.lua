-- wrk script for `make bench`: chart PNGs rendered cold.  Every request
-- asks for a dashboard-sized chart (width 640..959, target 0..100, and a
-- height drawn once per thread from 300..700) that no earlier request
-- asked for, so the daemon's PNG cache misses and the chart is
-- described, hashed and rendered.  Environment: BENCH_COOKIE (a staff
-- session cookie) and BENCH_CHART (path and query without w, h, target).

local cookie = os.getenv("BENCH_COOKIE") or ""
local chart = os.getenv("BENCH_CHART") or "/charts/bar.png?"
local heights = {}
math.randomseed(os.time())

function setup(thread)
	-- Each thread its own height, so no two threads ask the same.
	local h
	repeat
		h = math.random(300, 700)
	until not heights[h]
	heights[h] = true
	thread:set("height", h)
end

function init(args)
	counter = 0
end

function request()
	local w = 640 + counter % 320
	local target = math.floor(counter / 320) % 101
	counter = counter + 1
	local path = chart .. "&w=" .. w .. "&h=" .. height ..
	    "&target=" .. target
	return wrk.format("GET", path, { ["Cookie"] = "lx_session=" .. cookie })
end
