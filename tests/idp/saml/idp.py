"""A real SAML 2.0 IdP (pysaml2 + xmlsec1) for crmlens' SAML tests.

Listens on 127.0.0.1 (PORT env, 0 = random) with a fresh RSA key and certificate, trusts the SP
metadata at SP_METADATA, and prints one JSON line: entity_id, port, metadata_url, sso_url.
GET /metadata serves its metadata; GET /sso/redirect takes an HTTP-Redirect AuthnRequest and answers
JSON with the signed base64 SAMLResponse the browser would POST to the ACS. Query parameters shape
the answer for tests: sign=response|assertion|both|none, sig=sha1|sha256, name_id=..., mail=...
`idp.py keypair` prints a fresh RSA key and certificate for an SP that signs its requests.
"""

import base64
import datetime
import warnings
import html
import json
import os
import sys
import tempfile
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

warnings.filterwarnings("ignore", category=DeprecationWarning)
warnings.filterwarnings("ignore", module="saml2")

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_EMAILADDRESS, NameID
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA1, DIGEST_SHA256, SIG_RSA_SHA1, SIG_RSA_SHA256


def write_key_and_certificate(directory):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "crmlens test idp")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_path = os.path.join(directory, "idp.key")
    cert_path = os.path.join(directory, "idp.crt")
    with open(key_path, "wb") as out:
        out.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.TraditionalOpenSSL,
                serialization.NoEncryption(),
            )
        )
    with open(cert_path, "wb") as out:
        out.write(certificate.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def build_idp(entity_id, base_url, key_path, cert_path, sp_metadata):
    config = IdPConfig()
    config.load(
        {
            "entityid": entity_id,
            "service": {
                "idp": {
                    "endpoints": {
                        "single_sign_on_service": [
                            (url, BINDING_HTTP_REDIRECT)
                            for url in [f"{base_url}/sso/redirect", os.environ.get("EXTRA_SSO_URL")]
                            if url
                        ]
                    },
                    "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
                    "want_authn_requests_signed": os.environ.get("WANT_SIGNED_REQUESTS") == "1",
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": 5},
                            "attribute_restrictions": None,
                            "name_form": NAME_FORMAT_URI,
                        }
                    },
                }
            },
            "key_file": key_path,
            "cert_file": cert_path,
            "xmlsec_binary": "/usr/bin/xmlsec1",
            "metadata": {"local": [sp_metadata]},
        }
    )
    return Server(config=config)


class Handler(BaseHTTPRequestHandler):
    idp = None
    metadata_xml = ""

    def log_message(self, *_args):
        pass

    def do_GET(self):
        url = urlparse(self.path)
        query = {key: values[0] for key, values in parse_qs(url.query).items()}
        try:
            if url.path == "/metadata":
                self.answer(200, "application/samlmetadata+xml", self.metadata_xml)
            elif url.path == "/sso/redirect" and os.environ.get("BROWSER_POST") == "1":
                self.answer(200, "text/html", self.post_page(self.login_response(query)))
            elif url.path == "/sso/redirect":
                self.answer(200, "application/json", json.dumps(self.login_response(query)))
            else:
                self.answer(404, "text/plain", "not found")
        except Exception as error:  # the test reads the reason
            self.answer(400, "text/plain", f"{type(error).__name__}: {error}")

    def login_response(self, query):
        request = self.idp.parse_authn_request(
            query["SAMLRequest"],
            BINDING_HTTP_REDIRECT,
            relay_state=query.get("RelayState"),
            sigalg=query.get("SigAlg"),
            signature=query.get("Signature"),
        )
        args = self.idp.response_args(request.message, [BINDING_HTTP_POST])
        mail = query.get("mail", "alice@example.com")
        sign = query.get("sign", "both")
        sha1 = query.get("sig") == "sha1"
        response = self.idp.create_authn_response(
            identity={"mail": [mail], "displayName": ["Alice Example"]},
            userid=mail,
            name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=query.get("name_id", mail)),
            authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password"},
            sign_response=sign in ("response", "both"),
            sign_assertion=sign in ("assertion", "both"),
            sign_alg=SIG_RSA_SHA1 if sha1 else SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA1 if sha1 else DIGEST_SHA256,
            **args,
        )
        return {
            "saml_response": base64.b64encode(str(response).encode()).decode(),
            "relay_state": query.get("RelayState"),
            "acs_url": args["destination"],
        }

    @staticmethod
    def post_page(answer):
        """The HTTP-POST binding as a browser sees it: a form that submits itself to the ACS."""
        relay = answer["relay_state"]
        relay_field = f'<input type="hidden" name="RelayState" value="{html.escape(relay)}">' if relay else ""
        return (
            f'<!doctype html><form id="saml" method="post" action="{html.escape(answer["acs_url"])}">'
            f'<input type="hidden" name="SAMLResponse" value="{html.escape(answer["saml_response"])}">'
            f"{relay_field}</form><script>document.getElementById('saml').submit()</script>"
        )

    def answer(self, status, content_type, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def print_key_pair():
    """Prints a fresh RSA key and certificate as JSON, for an SP that signs its requests."""
    with tempfile.TemporaryDirectory(prefix="crmlens-sp-") as directory:
        key_path, cert_path = write_key_and_certificate(directory)
        with open(key_path) as key, open(cert_path) as cert:
            print(json.dumps({"private_key_pem": key.read(), "certificate_pem": cert.read()}))


def main():
    if sys.argv[1:] == ["keypair"]:
        return print_key_pair()
    server = HTTPServer(("127.0.0.1", int(os.environ.get("PORT", "0"))), Handler)
    port = server.server_address[1]
    base_url = f"http://127.0.0.1:{port}"
    entity_id = os.environ.get("ENTITY_ID", f"{base_url}/metadata")
    # Beside the SP metadata, in the test's own temporary folder, which the test removes.
    directory = os.path.dirname(os.path.abspath(os.environ["SP_METADATA"]))
    key_path, cert_path = write_key_and_certificate(directory)
    Handler.idp = build_idp(entity_id, base_url, key_path, cert_path, os.environ["SP_METADATA"])
    Handler.metadata_xml = create_metadata_string(None, config=Handler.idp.config).decode()
    print(
        json.dumps(
            {
                "entity_id": entity_id,
                "port": port,
                "metadata_url": f"{base_url}/metadata",
                "sso_url": f"{base_url}/sso/redirect",
            }
        ),
        flush=True,
    )
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
