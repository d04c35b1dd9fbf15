//! Real identity providers for the SSO tests, installed from the registries by tests/idp/setup.sh
//! and run as child processes on 127.0.0.1 with random ports; plus XML surgery helpers.

use std::io::{BufRead, BufReader};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use quick_xml::Reader;
use quick_xml::events::Event;

fn idp_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/idp")
}

fn runtime_present(program: &str) -> bool {
    Command::new(program).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok()
}

/// Installs the IdPs once per test run. Returns false (after a loud message) only when node or
/// python3 is not installed at all; any other install failure fails the test.
pub fn identity_providers_installed() -> bool {
    static INSTALLED: OnceLock<bool> = OnceLock::new();
    *INSTALLED.get_or_init(|| {
        for runtime in ["node", "python3"] {
            if !runtime_present(runtime) {
                eprintln!("\n!!! SKIPPING real-IdP SSO tests: `{runtime}` is not installed !!!\n");
                return false;
            }
        }
        let status =
            Command::new("bash").arg(idp_dir().join("setup.sh")).status().expect("run tests/idp/setup.sh");
        assert!(status.success(), "tests/idp/setup.sh failed; see its output above");
        true
    })
}

/// A running IdP process, killed when dropped.
pub struct IdpProcess {
    child: Child,
    pub announcement: serde_json::Value,
}

impl Drop for IdpProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(mut command: Command) -> IdpProcess {
    let mut child =
        command.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().expect("start the test IdP");
    let stdout = child.stdout.take().expect("IdP stdout");
    let mut reader = BufReader::new(stdout);
    let mut line = String::new();
    reader.read_line(&mut line).expect("read the IdP announcement");
    // Keep draining: an IdP that logs to a closed stdout dies of EPIPE mid-test.
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    let announcement =
        serde_json::from_str(&line).unwrap_or_else(|_| panic!("IdP did not announce itself: {line:?}"));
    IdpProcess { child, announcement }
}

/// node-oidc-provider with clients `crmlens` and `other-client` (secret `<id>-secret`);
/// `port` lets a restarted provider keep its issuer URL (key rotation).
pub fn start_oidc_provider(port: Option<u16>) -> IdpProcess {
    start_oidc_provider_with_tls(port, None)
}

/// As [`start_oidc_provider`], with client `crmlens` registered for this redirect URI.
pub fn start_oidc_provider_redirecting_to(redirect_uri: &str) -> IdpProcess {
    let mut command = Command::new("node");
    command.arg(idp_dir().join("oidc/provider.mjs")).env("PORT", "0").env("REDIRECT_URI", redirect_uri);
    spawn(command)
}

/// As [`start_oidc_provider`], serving HTTPS with this certificate and key (PEM files).
pub fn start_oidc_provider_with_tls(port: Option<u16>, tls: Option<(&Path, &Path)>) -> IdpProcess {
    let mut command = Command::new("node");
    command.arg(idp_dir().join("oidc/provider.mjs")).env("PORT", port.unwrap_or(0).to_string());
    if let Some((certificate, key)) = tls {
        command.env("TLS_CERT_FILE", certificate).env("TLS_KEY_FILE", key);
    }
    spawn(command)
}

/// pysaml2 IdP trusting the SP metadata in `sp_metadata`; an impostor takes another IdP's
/// entity ID and single sign-on URL (but has its own key).
pub fn start_saml_idp(
    sp_metadata: &Path,
    impersonate: Option<(&str, &str)>,
    want_signed: bool,
) -> IdpProcess {
    let mut command = Command::new(idp_dir().join("saml/.venv/bin/python"));
    command.arg(idp_dir().join("saml/idp.py")).env("SP_METADATA", sp_metadata);
    if want_signed {
        command.env("WANT_SIGNED_REQUESTS", "1");
    }
    if let Some((entity_id, sso_url)) = impersonate {
        command.env("ENTITY_ID", entity_id).env("EXTRA_SSO_URL", sso_url);
    }
    spawn(command)
}

/// A pysaml2 IdP for a browser: its single sign-on URL answers with a page that posts the
/// response to the ACS, as a real IdP does after its login form.
pub fn start_saml_idp_for_browsers(sp_metadata: &Path) -> IdpProcess {
    let mut command = Command::new(idp_dir().join("saml/.venv/bin/python"));
    command.arg(idp_dir().join("saml/idp.py")).env("SP_METADATA", sp_metadata).env("BROWSER_POST", "1");
    spawn(command)
}

/// A fresh RSA private key and self-signed certificate (PEM), made by the IdP's toolchain.
pub fn rsa_key_pair() -> (String, String) {
    let output = Command::new(idp_dir().join("saml/.venv/bin/python"))
        .arg(idp_dir().join("saml/idp.py"))
        .arg("keypair")
        .output()
        .expect("generate a key pair");
    let pair: serde_json::Value = serde_json::from_slice(&output.stdout).expect("key pair JSON");
    (
        pair["private_key_pem"].as_str().unwrap().to_owned(),
        pair["certificate_pem"].as_str().unwrap().to_owned(),
    )
}

pub fn decode(saml_response: &str) -> String {
    String::from_utf8(STANDARD.decode(saml_response).unwrap()).unwrap()
}

pub fn encode(xml: &str) -> String {
    STANDARD.encode(xml)
}

/// Byte ranges of every element with this local name, outermost first, in document order.
pub fn element_spans(xml: &str, local_name: &str) -> Vec<Range<usize>> {
    let mut reader = Reader::from_str(xml);
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut spans = Vec::new();
    loop {
        let start = reader.buffer_position() as usize;
        match reader.read_event().unwrap() {
            Event::Start(element) => open.push((element.local_name().into_inner().to_owned(), start)),
            Event::Empty(element) if element.local_name().into_inner() == local_name => {
                spans.push(start..reader.buffer_position() as usize)
            }
            Event::End(_) => {
                let (name, begin) = open.pop().unwrap();
                if name == local_name {
                    spans.push(begin..reader.buffer_position() as usize);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    spans.sort_by_key(|span| span.start);
    spans
}

/// The text of the first element with this local name.
pub fn element<'a>(xml: &'a str, local_name: &str) -> &'a str {
    &xml[element_spans(xml, local_name)[0].clone()]
}

/// `xml` with `range` replaced by `with`.
pub fn splice(xml: &str, range: Range<usize>, with: &str) -> String {
    format!("{}{}{}", &xml[..range.start], with, &xml[range.end..])
}

/// `xml` with the first `ID="..."` attribute value replaced.
pub fn with_first_id(xml: &str, id: &str) -> String {
    let start = xml.find(" ID=\"").unwrap() + 5;
    let end = start + xml[start..].find('"').unwrap();
    splice(xml, start..end, id)
}

/// `xml` with its first direct `Signature` child element removed.
pub fn without_signature(xml: &str) -> String {
    let span = element_spans(xml, "Signature")[0].clone();
    splice(xml, span, "")
}
