--[[ Removes from the head of a class's transcript outbox the entries MongoDB now holds. The
  push script appends entries in sequence order, and only drains remove them (from the head), so
  every entry still queued with a sequence up to the batch's last one belongs to that batch: the
  ones a concurrent drain removed already are simply not there any more.
  KEYS[1] the class's transcript outbox (LIST of {"seq":n,"comment":{...}}, oldest first)
  ARGV[1] the highest sequence number of the batch MongoDB has
  Output: how many entries were removed.
]]
local upTo = tonumber(ARGV[1])
local removed = 0
while true do
  local head = redis.call('LINDEX', KEYS[1], 0)
  if not head then break end
  local seq = tonumber(string.match(head, '^{"seq":(%d+),'))
  if not seq or seq > upTo then break end
  redis.call('LPOP', KEYS[1])
  removed = removed + 1
end
return removed
