-- Counts one hit in a fixed window and says how long the window (or block) still lasts.
-- KEYS[1] rate:<scope>   the counter of one caller in one window (the only key touched)
-- ARGV[1] window (ms)  ARGV[2] limit  ARGV[3] block (ms): when the limit is first exceeded the
--         counter is kept at least this long, so the caller stays refused (0: keep the window)
-- Returns {hits, ttl}: hits in this window including this one, and the ms until it resets.
local window, limit, block = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if hits == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], window)
  ttl = window
end
if hits == limit + 1 and block > ttl then
  redis.call('PEXPIRE', KEYS[1], block)
  ttl = block
end
return {hits, ttl}
