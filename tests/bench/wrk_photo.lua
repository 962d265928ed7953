-- wrk script for `make bench`: form posts to /requests as the form sends
-- them with a photo (multipart/form-data): a phone's JPEG
-- (tests/data/photos/phone-exif6.jpg, EXIF orientation 6 and GPS), each
-- post with its own form token (from $BENCH_TOKENS, made by
-- build/tests/formtoks) and phone number, so every post decodes, turns,
-- re-encodes and stores its photo with a new request.  The photo being
-- the same each time, it is stored once (by content) and linked to each
-- request.  Counts the answers ("posts_303 N", "posts_other N").
-- Environment: BENCH_COMMUNITY, BENCH_TOKENS, BENCH_PHOTO.

-- The token list, the counters, setup, response and done are
-- wrk_post.lua's (bench.sh points its BENCH_TOKENS at this run's tokens);
-- the body is this file's.
dofile("tests/bench/wrk_post.lua")

local community = os.getenv("BENCH_COMMUNITY") or "1"
local boundary = "----lxbench7MA4YWxkTrZu0gW"
local post_init = init

local function part(name, value)
	return "--" .. boundary .. "\r\nContent-Disposition: form-data; " ..
	    "name=\"" .. name .. "\"\r\n\r\n" .. value .. "\r\n"
end

function init(args)
	post_init(args)
	local p = assert(io.open(os.getenv("BENCH_PHOTO"), "rb"))
	local photo = p:read("*a")
	p:close()
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
