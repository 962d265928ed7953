-- wrk script for `make bench`: chart PNGs rendered cold.  Every request
-- asks for a size drawn at random (w 200..2000, h 150..1500: 2.5 million
-- sizes), so the daemon's PNG cache almost never holds it and the chart
-- is described, hashed and rendered.  Environment: BENCH_COOKIE (a staff
-- session cookie) and BENCH_CHART (path and query without w and h).

local cookie = os.getenv("BENCH_COOKIE") or ""
local chart = os.getenv("BENCH_CHART") or "/charts/bar.png?"

function init(args)
	math.randomseed(os.time() + math.random(1, 1000000))
end

function request()
	local path = chart .. "&w=" .. math.random(200, 2000) ..
	    "&h=" .. math.random(150, 1500)
	return wrk.format("GET", path, { ["Cookie"] = "lx_session=" .. cookie })
end
