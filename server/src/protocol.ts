/** Code action kinds we offer; `source.fixAll.dotnet-dockerfile` applies every safe fix at once. */
export const FIX_ALL_KIND = 'source.fixAll.dotnet-dockerfile';
