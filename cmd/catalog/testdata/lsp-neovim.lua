-- TestLSPNeovim's client: Neovim (0.7 or newer) starts catalog lsp on a
-- practice file, waits for its diagnostics, asks for a completion on line 5
-- ("  - G") and a hover on "countries", and writes what it got as JSON.
local bin, dir, file, out = _G.arg_bin, _G.arg_dir, _G.arg_file, _G.arg_out
local id = vim.lsp.start_client({cmd = {bin, 'lsp', '--dir', dir, '--lang', 'es'}, root_dir = dir, name = 'catalog'})
vim.cmd('edit ' .. file)
vim.lsp.buf_attach_client(0, id)
vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local diags = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(diags, {line = d.lnum, col = d.col, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), message = d.message})
end
local params = {textDocument = {uri = vim.uri_from_bufnr(0)}, position = {line = 4, character = 5}}
local res = vim.lsp.buf_request_sync(0, 'textDocument/completion', params, 15000)
local items = {}
for _, r in pairs(res or {}) do
  for _, it in ipairs((r.result or {}).items or {}) do table.insert(items, {label = it.label, detail = it.detail}) end
end
local hov = vim.lsp.buf_request_sync(0, 'textDocument/hover', {textDocument = {uri = vim.uri_from_bufnr(0)}, position = {line = 3, character = 2}}, 15000)
local hover = ''
for _, r in pairs(hov or {}) do if r.result then hover = r.result.contents.value end end
local f = io.open(out, 'w')
f:write(vim.fn.json_encode({diagnostics = diags, items = items, hover = hover}))
f:close()
vim.lsp.stop_client(id)
vim.wait(3000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
vim.cmd('qa!')
