// crmlens profile card for Lightning record pages (lead, contact, account, opportunity).
// Frames the crmlens widget; the record's values travel only in the iframe URL's fragment,
// which the browser never sends to a server. Set the crmlens URL and the org id in the Lightning
// App Builder (design attributes); add the crmlens URL as a CSP Trusted Site (frame-src).
import { LightningElement, api, wire } from "lwc";
import { getRecord, getFieldValue } from "lightning/uiRecordApi";

const FIELDS = {
  Lead: { kind: "member", fields: { first_name: "Lead.FirstName", last_name: "Lead.LastName", company: "Lead.Company", title: "Lead.Title", email: "Lead.Email" } },
  Contact: { kind: "member", fields: { first_name: "Contact.FirstName", last_name: "Contact.LastName", company: "Contact.Account.Name", title: "Contact.Title", email: "Contact.Email" } },
  Account: { kind: "company", fields: { name: "Account.Name", industry: "Account.Industry", location: "Account.BillingCity", website: "Account.Website" } },
  Opportunity: { kind: "company", fields: { name: "Opportunity.Account.Name", industry: "Opportunity.Account.Industry", location: "Opportunity.Account.BillingCity", website: "Opportunity.Account.Website" } },
};

export default class CrmlensProfile extends LightningElement {
  @api recordId;
  @api objectApiName;
  /** e.g. https://crmlens.example.com (design attribute) */
  @api crmlensUrl;
  /** The 18-character org id linked to your crmlens tenant (design attribute). */
  @api orgId;
  /** "side" (300 px panel) or "wide" (main column). */
  @api layout = "side";
  height = 184;
  record;

  get spec() {
    return FIELDS[this.objectApiName];
  }

  get optionalFields() {
    return this.spec ? Object.values(this.spec.fields) : [];
  }

  @wire(getRecord, { recordId: "$recordId", optionalFields: "$optionalFields" })
  wiredRecord({ data }) {
    if (data) this.record = data;
  }

  get origin() {
    try {
      return new URL(this.crmlensUrl).origin;
    } catch (e) {
      return null;
    }
  }

  get frameUrl() {
    if (!this.spec || !this.record || !this.origin) return null;
    const values = new URLSearchParams();
    for (const [name, field] of Object.entries(this.spec.fields)) {
      const value = getFieldValue(this.record, field);
      if (value) values.set(name, value);
    }
    values.set("crm", "salesforce");
    values.set("org", this.orgId);
    values.set("object", this.objectApiName.toLowerCase());
    values.set("record_id", this.recordId);
    values.set("layout", this.layout);
    values.set("host_origin", window.location.origin);
    const target = new URLSearchParams({ crm: "salesforce", org: this.orgId });
    return `${this.origin}/embed/${this.spec.kind}?${target}#${values}`;
  }

  get frameStyle() {
    return `width:100%;border:0;height:${this.height}px`;
  }

  connectedCallback() {
    this.onMessage = (event) => {
      const data = event.data;
      if (event.origin !== this.origin || !data || data.type !== "crmlens:resize") return;
      const frame = this.template.querySelector("iframe");
      if (!frame || event.source !== frame.contentWindow) return;
      if (typeof data.height === "number" && isFinite(data.height)) {
        this.height = Math.max(96, Math.min(2000, Math.ceil(data.height)));
      }
    };
    window.addEventListener("message", this.onMessage);
  }

  disconnectedCallback() {
    window.removeEventListener("message", this.onMessage);
  }
}
