// Plain web-app OAuth in a shop front end: out of scope.
// ok: require-resource-indicator
const params = new URLSearchParams({ response_type: 'code', client_id: 'web', state: 's', code_challenge: 'c', code_challenge_method: 'S256' });

export const loginUrl = `https://accounts.example.com/authorize?${params}`;
