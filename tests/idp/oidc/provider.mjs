// A real OpenID Provider (node-oidc-provider, OpenID Certified) for crmlens' OIDC tests.
// Listens on 127.0.0.1 (PORT env, 0 = random; HTTPS with TLS_CERT_FILE/TLS_KEY_FILE), signs with a fresh RSA key, signs every user in
// as "alice" without a form, and prints one JSON line: issuer, port, and the signing key as PEM
// so tests can forge tokens that carry the provider's own valid signature.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT || 0);
const redirectUri = process.env.REDIRECT_URI || 'https://crmlens.test/auth/oidc/callback';

const kid = `key-${randomUUID()}`;
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingJwk = { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };

// With TLS_CERT_FILE and TLS_KEY_FILE it serves HTTPS (e.g. a certificate from a private CA).
const tls = process.env.TLS_CERT_FILE
  ? { cert: fs.readFileSync(process.env.TLS_CERT_FILE), key: fs.readFileSync(process.env.TLS_KEY_FILE) }
  : null;
const server = tls ? https.createServer(tls) : http.createServer();
server.listen(port, '127.0.0.1', () => {
  const actualPort = server.address().port;
  const issuer = `${tls ? 'https' : 'http'}://127.0.0.1:${actualPort}`;
  const provider = new Provider(issuer, {
    clients: ['crmlens', 'other-client'].map((clientId) => ({
      client_id: clientId,
      client_secret: `${clientId}-secret`,
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys: [signingJwk] },
    cookies: { keys: ['test-only-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ sub, email: 'alice@example.com', email_verified: true, name: 'Alice Example' }),
    }),
  });
  provider.proxy = false;
  const providerCallback = provider.callback();
  server.on('request', (req, res) => {
    if (req.url.startsWith('/interaction/')) {
      finishInteraction(provider, req, res).catch((error) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    } else {
      providerCallback(req, res);
    }
  });
  process.stdout.write(
    `${JSON.stringify({ issuer, port: actualPort, kid, signing_key_pem: privateKey.export({ type: 'pkcs1', format: 'pem' }) })}\n`,
  );
});

// Signs the user in as "alice" and grants the requested scopes, as a real login and consent would.
async function finishInteraction(provider, req, res) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    await provider.interactionFinished(req, res, { login: { accountId: 'alice' } }, { mergeWithLastSubmission: false });
    return;
  }
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  const missing = details.prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}
