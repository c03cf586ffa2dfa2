-- fclint's diagnostics, hover and quick fixes in Neovim's built-in LSP client.
-- Put this in ~/.config/nvim/init.lua (or a file under plugin/); it needs `fclint` on PATH.
local started = {} -- Neovim 0.7: one server per folder, shared by its buffers
local function start_fclint(args)
  local config = {
    name = "fclint",
    cmd = { "fclint", "lsp" },
    root_dir = vim.fn.getcwd(),
  }
  if vim.lsp.start then -- Neovim 0.8 and later
    vim.lsp.start(config, { bufnr = args.buf })
  else -- Neovim 0.7 (Debian 12's)
    local id = started[config.root_dir] or vim.lsp.start_client(config)
    started[config.root_dir] = id
    if id then
      vim.lsp.buf_attach_client(args.buf, id)
    end
  end
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = { "json", "jsonc", "yaml", "terraform", "python", "http", "markdown", "sh" },
  callback = start_fclint,
})
