-- Drives a headless Neovim (0.7+) through what a user does, with the README's configuration (editors/neovim.lua,
-- loaded as is): open a Dockerfile, wait for our diagnostics, ask for completion inside a tag, apply the exec-form
-- code action. Writes what it saw as JSON to $DDF_RESULT and quits; test/editor/neovim/neovim.test.ts judges it.
local result = { steps = {} }
local function step(name, value)
  table.insert(result.steps, name)
  result[name] = value
end

local function finish(code)
  result.exit = code
  vim.fn.writefile({ vim.fn.json_encode(result) }, os.getenv('DDF_RESULT'))
  vim.cmd('cquit ' .. code)
end

local ok, err = xpcall(function()
  vim.cmd('filetype on')
  dofile(os.getenv('DDF_EDITOR_CONFIG'))
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('DDF_DOCKERFILE')))
  local bufnr = vim.api.nvim_get_current_buf()
  step('filetype', vim.bo[bufnr].filetype)

  -- 1. our diagnostics arrive
  local function ours()
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      table.insert(found, { line = d.lnum, code = code, message = d.message })
    end
    return found
  end
  local arrived = vim.wait(20000, function() return #ours() > 0 end, 50)
  step('diagnostics', ours())
  if not arrived then return finish(3) end
  local client = vim.lsp.get_active_clients()[1]
  step('client', client and client.name or vim.NIL)

  -- 2. completion inside a tag: a new line `FROM mcr.microsoft.com/dotnet/aspnet:10.0-`, cursor at its end
  local probe = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-'
  local last = vim.api.nvim_buf_line_count(bufnr)
  vim.api.nvim_buf_set_lines(bufnr, last, last, false, { '', probe })
  vim.wait(400) -- the client sends didChange after its debounce
  local completion = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = last + 1, character = #probe },
  }, 10000)
  local labels = {}
  for _, response in pairs(completion or {}) do
    local items = response.result and (response.result.items or response.result) or {}
    for _, item in ipairs(items) do
      table.insert(labels, item.textEdit and item.textEdit.newText or item.label)
    end
  end
  step('completion', labels)
  -- take the probe out again, so the file is as it was for the code action
  vim.api.nvim_buf_set_lines(bufnr, last, last + 2, false, {})
  vim.wait(400)

  -- 3. the exec-form code action on the shell-form CMD of the chiseled stage
  local cmd_line
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line:match('^CMD ') then cmd_line = i - 1 end
  end
  local line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, cmd_line)
  local actions = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = cmd_line, character = 0 }, ['end'] = { line = cmd_line, character = 0 } },
    context = { diagnostics = line_diagnostics },
  }, 10000)
  local titles, chosen = {}, nil
  for _, response in pairs(actions or {}) do
    for _, action in ipairs(response.result or {}) do
      table.insert(titles, action.title)
      if chosen == nil and action.title:match('^Rewrite in exec form') then chosen = action end
    end
  end
  step('actions', titles)
  if chosen == nil then return finish(4) end
  if chosen.edit == nil and chosen.data ~= nil then
    local resolved = client.request_sync('codeAction/resolve', chosen, 10000, bufnr)
    chosen = resolved and resolved.result or chosen
  end
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  step('text', table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n'))

  -- 4. after the edit, the server validates the new text: the shell-form error is gone
  local cleared = vim.wait(10000, function()
    for _, d in ipairs(ours()) do
      if d.code == 'shell-form-without-shell' then return false end
    end
    return true
  end, 50)
  step('after', ours())
  finish(cleared and 0 or 5)
end, debug.traceback)

if not ok then
  result.error = err
  finish(2)
end
