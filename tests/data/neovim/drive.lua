-- The test's driver (tests/test_neovim.py), run after init.lua: open the file named by
-- $FCLINT_TEST_FILE, wait for fclint's diagnostic, apply its quick fix through the LSP client,
-- wait for the diagnostics to clear, and write what was seen to $FCLINT_TEST_OUT as JSON.
local out = {}
local timeout = tonumber(vim.env.FCLINT_TEST_TIMEOUT or "20000")

local function finish()
  local file = io.open(vim.env.FCLINT_TEST_OUT, "w")
  file:write(vim.fn.json_encode(out))
  file:close()
  vim.cmd("qall!")
end

local function diagnostics(buf)
  local seen = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(seen, { code = d.code, line = d.lnum, col = d.col, message = d.message,
                         source = d.source })
  end
  return seen
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(vim.env.FCLINT_TEST_FILE))
  local buf = vim.api.nvim_get_current_buf()
  out.filetype = vim.bo[buf].filetype
  if not vim.wait(timeout, function() return #vim.diagnostic.get(buf) > 0 end, 50) then
    out.error = "no diagnostics within the timeout"
    out.clients = #vim.lsp.get_active_clients()
    return
  end
  out.before = diagnostics(buf)
  local client = vim.lsp.get_active_clients()[1]
  out.server = client.name
  local first = vim.lsp.diagnostic.get_line_diagnostics(buf, out.before[1].line)
  local params = vim.lsp.util.make_range_params()
  params.range = { start = { line = out.before[1].line, character = out.before[1].col },
                   ["end"] = { line = out.before[1].line, character = out.before[1].col } }
  params.context = { diagnostics = first, only = { "quickfix" } }
  local answers = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, timeout)
  for _, answer in pairs(answers or {}) do
    for _, action in ipairs(answer.result or {}) do
      if action.isPreferred and action.edit then
        out.fix = action.title
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
      end
    end
  end
  out.fixed_line = vim.api.nvim_buf_get_lines(buf, out.before[1].line, out.before[1].line + 1,
                                              false)[1]
  out.cleared = vim.wait(timeout, function() return #vim.diagnostic.get(buf) == 0 end, 50)
  out.after = diagnostics(buf)
end)
if not ok then
  out.error = tostring(err)
end
finish()
