-- wrk script for `make bench`: form posts to /requests, each with a form
-- token the server issued (signed, with an expiry: made beforehand by
-- build/tests/formtoks into the file $BENCH_TOKENS, one a line) and its
-- own phone number, so every post is a new request committed to the
-- database.  Each wrk thread takes every n-th token of the file.  Counts
-- the answers by status and prints them at the end ("posts_303 N",
-- "posts_other N").
-- Environment: BENCH_COMMUNITY and BENCH_GRID (a grid of that community),
-- BENCH_TOKENS.

local community = os.getenv("BENCH_COMMUNITY") or "1"
local grid = os.getenv("BENCH_GRID") or ""
local threads = {}

function setup(thread)
	table.insert(threads, thread)
	thread:set("id", #threads)
end

function init(args)
	local f = assert(io.open(os.getenv("BENCH_TOKENS"), "r"))
	tokens = {}
	local k = 0
	for line in f:lines() do
		k = k + 1
		if k % 2 == (id or 1) % 2 then
			table.insert(tokens, line)
		end
	end
	f:close()
	counter = 0
	n303 = 0
	nother = 0
	-- 幸福路12号; 故障测试：路灯坏了一个星期; 李四
	body_rest = "&category=1&community=" .. community .. "&grid=" .. grid ..
	    "&address=%E5%B9%B8%E7%A6%8F%E8%B7%AF12%E5%8F%B7" ..
	    "&description=%E5%8E%8B%E5%8A%9B%E6%B5%8B%E8%AF%95%EF%BC%9A%E8%B7" ..
	    "%AF%E7%81%AF%E5%9D%8F%E4%BA%86%E4%B8%80%E4%B8%AA%E6%98%9F%E6%9C%9F" ..
	    "&name=%E6%9D%8E%E5%9B%9B&consent=1"
	headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
end

function request()
	counter = counter + 1
	local tok = tokens[counter] or tokens[#tokens]
	local body = "token=" .. tok .. body_rest ..
	    string.format("&phone=13%d%08d", 8 + (id or 1) % 2, counter)
	return wrk.format("POST", "/requests", headers, body)
end

function response(status, hdrs, body)
	if status == 303 then
		n303 = n303 + 1
	else
		nother = nother + 1
	end
end

function done(summary, latency, requests)
	local a, b = 0, 0
	for _, t in ipairs(threads) do
		a = a + t:get("n303")
		b = b + t:get("nother")
	end
	io.write(string.format("posts_303 %d\nposts_other %d\n", a, b))
end
