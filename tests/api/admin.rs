//! `crmlens admin`: tenants, CRM orgs, users and API keys, driven as an operator would.
