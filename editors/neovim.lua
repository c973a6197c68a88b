-- dotnet-dockerfile for Neovim 0.7 or newer: put this in your init.lua.
-- Starts one `dotnet-dockerfile-ls --stdio` per working directory and attaches every Dockerfile buffer to it.
local dotnet_dockerfile_clients = {}

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'dockerfile',
  callback = function(args)
    local root = vim.fn.getcwd()
    local client_id = dotnet_dockerfile_clients[root]
    if client_id == nil or vim.lsp.get_client_by_id(client_id) == nil then
      client_id = vim.lsp.start_client({
        name = 'dotnet-dockerfile',
        cmd = { 'dotnet-dockerfile-ls', '--stdio' },
        root_dir = root,
        -- settings come from here (workspace/configuration, section dotnetDockerfile)
        settings = { dotnetDockerfile = { rules = {} } },
      })
      dotnet_dockerfile_clients[root] = client_id
    end
    if client_id then
      vim.lsp.buf_attach_client(args.buf, client_id)
    end
  end,
})
