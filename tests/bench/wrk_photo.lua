-- wrk script for `make bench`: form posts to /requests as the form sends
-- them with a photo (multipart/form-data): a phone's JPEG
-- (tests/data/photos/phone-exif6.jpg, EXIF orientation 6 and GPS), each
-- post with its own form token (from $BENCH_PHOTO_TOKENS, made by
-- build/tests/formtoks) and phone number, so every post decodes, turns,
-- re-encodes and stores its photo with a new request.  The photo being
-- the same each time, it is stored once (by content) and linked to each
-- request.  Counts the answers ("posts_303 N", "posts_other N").
-- Environment: BENCH_COMMUNITY, BENCH_PHOTO_TOKENS, BENCH_PHOTO.

local community = os.getenv("BENCH_COMMUNITY") or "1"
local threads = {}
local boundary = "----lxbench7MA4YWxkTrZu0gW"

function setup(thread)
	table.insert(threads, thread)
	thread:set("id", #threads)
end

local function part(name, value)
	return "--" .. boundary .. "\r\nContent-Disposition: form-data; " ..
	    "name=\"" .. name .. "\"\r\n\r\n" .. value .. "\r\n"
end

function init(args)
	local f = assert(io.open(os.getenv("BENCH_PHOTO_TOKENS"), "r"))
	tokens = {}
	local k = 0
	for line in f:lines() do
		k = k + 1
		if k % 2 == (id or 1) % 2 then
			table.insert(tokens, line)
		end
	end
	f:close()
	local p = assert(io.open(os.getenv("BENCH_PHOTO"), "rb"))
	local photo = p:read("*a")
	p:close()
	counter = 0
	n303 = 0
	nother = 0
	rest = part("category", "1") .. part("community", community) ..
	    part("address", "幸福路12号") ..
	    part("description", "压力测试：路灯坏了一个星期，附照片") ..
	    part("name", "李四") .. part("consent", "1") ..
	    "--" .. boundary .. "\r\nContent-Disposition: form-data; " ..
	    "name=\"photo\"; filename=\"IMG_0001.jpg\"\r\nContent-Type: " ..
	    "image/jpeg\r\n\r\n" .. photo .. "\r\n--" .. boundary .. "--\r\n"
	headers = { ["Content-Type"] = "multipart/form-data; boundary=" ..
	    boundary }
end

function request()
	counter = counter + 1
	local tok = tokens[counter] or tokens[#tokens]
	local body = part("token", tok) ..
	    part("phone", string.format("13%d%08d", 6 + (id or 1) % 2,
	    counter)) .. rest
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
