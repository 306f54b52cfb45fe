-- Drives headless Neovim's built-in LSP client after a configuration from docs/editor.md has been loaded: waits for the
-- diagnostics of the file given on the command line, asks for a hover and code actions, deletes the line of the first
-- diagnostic (an unsaved edit), waits for the diagnostics to change, stops the client and writes what it saw to $OUT.
-- Written for Neovim 0.7 (Debian bookworm) and later: no vim.fs, no vim.lsp.get_clients before 0.10.
local out = assert(os.getenv('OUT'), 'OUT is not set')
local result = { nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) }

local function clients()
  if vim.lsp.get_clients then return vim.lsp.get_clients() end
  return vim.lsp.get_active_clients()
end

local function diagnostics(buf)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(items, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source, code = d.code,
    })
  end
  table.sort(items, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    if a.col ~= b.col then return a.col < b.col end
    return a.message < b.message
  end)
  return items
end

local function finish()
  for _, client in ipairs(clients()) do
    if vim.fn.has('nvim-0.11') == 1 then client:stop() else vim.lsp.stop_client(client.id) end
  end
  -- shutdown, then exit: the client is gone once the server has exited.
  result.stopped = vim.wait(10000, function() return #clients() == 0 end, 20)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result), '\n')
  f:close()
  vim.cmd('qa!')
end

local function results(responses, pick)
  local all = {}
  for _, response in pairs(responses or {}) do
    if response.result then pick(response.result, all) end
  end
  return all
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, err = pcall(function()
      local buf = vim.api.nvim_get_current_buf()
      result.attached = vim.wait(30000, function() return #clients() > 0 end, 20)
      result.published = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
      result.initial = diagnostics(buf)
      result.root = clients()[1] and clients()[1].config.root_dir
      local first = vim.diagnostic.get(buf)[1]
      if not first then return end
      local uri = vim.uri_from_bufnr(buf)
      local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover',
        { textDocument = { uri = uri }, position = { line = first.lnum, character = first.col + 1 } }, 10000)
      result.hover = results(hover, function(r, all) table.insert(all, r.contents.value) end)
      local range = { start = { line = first.lnum, character = first.col }, ['end'] = { line = first.end_lnum, character = first.end_col } }
      local actions = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction',
        { textDocument = { uri = uri }, range = range, context = { diagnostics = {} } }, 10000)
      result.actions = results(actions, function(r, all) for _, a in ipairs(r) do table.insert(all, a.title) end end)
      local before = vim.fn.json_encode(result.initial)
      vim.api.nvim_buf_set_lines(buf, first.lnum, first.lnum + 1, false, {})
      result.text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
      result.changed = vim.wait(30000, function() return vim.fn.json_encode(diagnostics(buf)) ~= before end, 20)
      result.edited = diagnostics(buf)
    end)
    if not ok then result.error = tostring(err) end
    finish()
  end,
})
