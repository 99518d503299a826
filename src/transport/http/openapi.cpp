#include "transport/http/openapi.hpp"

#include <boost/json/parse.hpp>

#include <map>

namespace kelisim::transport {

namespace {
struct Operation {
  const char *request;  // schema name or nullptr
  const char *response; // schema name or nullptr (no body)
  int status;
  bool public_access;
};

// "METHOD pattern" → shapes. Keep in step with the router (see openapi_test.cpp).
const std::map<std::string, Operation> &operations() {
  static const std::map<std::string, Operation> table = {
      {"GET /healthz", {nullptr, "Status", 200, true}},
      {"GET /readyz", {nullptr, "Status", 200, true}},
      {"GET /metrics", {nullptr, nullptr, 200, true}},
      {"GET /api/v1/openapi.json", {nullptr, nullptr, 200, true}},
      {"POST /api/v1/auth/sign-up", {"SignUp", "SignedIn", 201, true}},
      {"POST /api/v1/auth/sign-in", {"SignIn", "SignedIn", 200, true}},
      {"POST /api/v1/auth/sign-out", {nullptr, nullptr, 204, true}},
      {"POST /api/v1/auth/sign-out-everywhere", {nullptr, nullptr, 204, false}},
      {"POST /api/v1/auth/password-reset", {"PasswordReset", "Requested", 202, true}},
      {"POST /api/v1/auth/account-link", {"AccountLinkQuery", "AccountLink", 200, true}},
      {"POST /api/v1/auth/set-password", {"SetPassword", "SignedIn", 200, true}},
      {"POST /api/v1/me/password", {"PasswordChange", nullptr, 204, false}},
      {"GET /api/v1/me", {nullptr, "User", 200, false}},
      {"PATCH /api/v1/me", {"MyChanges", "User", 200, false}},
      {"DELETE /api/v1/me", {"AccountDeletion", nullptr, 204, false}},
      {"GET /api/v1/consent", {nullptr, "Consent", 200, true}},
      {"GET /api/v1/media", {nullptr, "MediaInfo", 200, false}},
      {"GET /api/v1/users", {nullptr, "UserList", 200, false}},
      {"GET /api/v1/audit", {nullptr, "AuditList", 200, false}},
      {"POST /api/v1/users", {"NewStaff", "User", 201, false}},
      {"GET /api/v1/users/{id}", {nullptr, "User", 200, false}},
      {"PATCH /api/v1/users/{id}", {"UserChanges", "User", 200, false}},
      {"POST /api/v1/users/{id}/invitation", {nullptr, "Sent", 202, false}},
      {"POST /api/v1/users/{id}/deactivate", {nullptr, "User", 200, false}},
      {"POST /api/v1/users/{id}/reactivate", {nullptr, "User", 200, false}},
      {"GET /api/v1/regions", {nullptr, "RegionList", 200, true}},
      {"GET /api/v1/organisations", {nullptr, "OrganisationList", 200, true}},
      {"POST /api/v1/organisations", {"NewOrganisation", "Organisation", 201, false}},
      {"PATCH /api/v1/organisations/{id}", {"NewOrganisation", "Organisation", 200, false}},
      {"GET /api/v1/categories", {nullptr, "WordList", 200, true}},
      {"POST /api/v1/categories", {"NewCategory", "NewCategory", 201, false}},
      {"GET /api/v1/receptions", {nullptr, "ReceptionList", 200, true}},
      {"POST /api/v1/receptions", {"ReceptionInput", "Reception", 201, false}},
      {"GET /api/v1/receptions/{id}", {nullptr, "Reception", 200, true}},
      {"PATCH /api/v1/receptions/{id}", {"ReceptionInput", "Reception", 200, false}},
      {"GET /api/v1/receptions/{id}/roster", {nullptr, "ShiftList", 200, false}},
      {"PUT /api/v1/receptions/{id}/roster", {"ShiftList", "ShiftList", 200, false}},
      {"GET /api/v1/receptions/{id}/slots", {nullptr, "SlotList", 200, true}},
      {"POST /api/v1/receptions/{id}/close", {nullptr, "Reception", 200, false}},
      {"GET /api/v1/receptions/{id}/board", {nullptr, "Board", 200, false}},
      {"GET /api/v1/receptions/{id}/figures", {nullptr, "Figures", 200, false}},
      {"GET /api/v1/receptions/{id}/comments", {nullptr, "FeedbackList", 200, false}},
      {"GET /api/v1/receptions/{id}/summary", {nullptr, "Summary", 200, true}},
      {"PUT /api/v1/organisations/{id}/line", {"ReceptionInput", "Reception", 200, false}},
      {"GET /api/v1/organisations/{id}/figures", {nullptr, "Figures", 200, false}},
      {"GET /api/v1/organisations/{id}/consultations.csv", {nullptr, nullptr, 200, false}},
      {"GET /api/v1/receptions/{id}/consultations.csv", {nullptr, nullptr, 200, false}},
      {"GET /api/v1/organisations/{id}/proposals", {nullptr, "FeedbackList", 200, false}},
      {"GET /api/v1/conferences", {nullptr, "ConferenceList", 200, false}},
      {"POST /api/v1/conferences", {"ConferenceInput", "Conference", 201, false}},
      {"GET /api/v1/conferences/invitees", {nullptr, "InviteeList", 200, false}},
      {"POST /api/v1/conferences/join", {"ConferenceJoin", "Conference", 200, true}},
      {"GET /api/v1/conferences/{id}", {nullptr, "Conference", 200, false}},
      {"PATCH /api/v1/conferences/{id}", {"ConferenceInput", "Conference", 200, false}},
      {"POST /api/v1/conferences/{id}/cancel", {nullptr, "Conference", 200, false}},
      {"POST /api/v1/conferences/{id}/end", {nullptr, "Conference", 200, false}},
      {"GET /api/v1/conferences/{id}/invitation.ics", {nullptr, nullptr, 200, false}},
      {"PUT /api/v1/conferences/{id}/agenda/{item_id}/minutes",
       {"Minutes", "Conference", 200, false}},
      {"POST /api/v1/conferences/{id}/proposals", {"ProposalInput", "Proposal", 201, false}},
      {"PATCH /api/v1/proposals/{id}", {"ProposalInput", "Proposal", 200, false}},
      {"GET /api/v1/proposals", {nullptr, "ProposalList", 200, false}},
      {"GET /api/v1/mediators", {nullptr, "MediatorList", 200, true}},
      {"GET /api/v1/mediators/{id}", {nullptr, "Mediator", 200, true}},
      {"POST /api/v1/mediators", {"MediatorInput", "Mediator", 201, false}},
      {"PUT /api/v1/mediators/{id}", {"MediatorInput", "Mediator", 200, false}},
      {"POST /api/v1/mediators/{id}/status", {"MediatorStatusChange", "Mediator", 200, false}},
      {"POST /api/v1/cases", {"CaseOpening", "Case", 201, false}},
      {"GET /api/v1/cases", {nullptr, "CaseSummaryList", 200, false}},
      {"GET /api/v1/cases/summaries", {nullptr, "CaseSummaryList", 200, false}},
      {"GET /api/v1/cases/figures", {nullptr, "CaseFigures", 200, false}},
      {"GET /api/v1/cases/{id}", {nullptr, "Case", 200, false}},
      {"POST /api/v1/cases/{id}/invitation", {"CaseInvitation", "CaseInvited", 200, false}},
      {"GET /api/v1/invitations/{token}", {nullptr, "InvitationPreview", 200, true}},
      {"POST /api/v1/invitations/{token}/accept", {nullptr, "Case", 200, false}},
      {"POST /api/v1/invitations/{token}/refuse", {nullptr, "InvitationRefused", 200, true}},
      {"POST /api/v1/cases/{id}/mediators", {"MediatorProposal", "Case", 200, false}},
      {"POST /api/v1/cases/{id}/mediators/{register_id}/agree", {"CaseStep", "Case", 200, false}},
      {"POST /api/v1/cases/{id}/mediators/{register_id}/reject", {"CaseStep", "Case", 200, false}},
      {"POST /api/v1/cases/{id}/declaration", {"ConflictDeclaration", "Case", 200, false}},
      {"POST /api/v1/cases/{id}/contract", {"ContractDraft", "Case", 200, false}},
      {"POST /api/v1/cases/{id}/contract/accept", {"ContractAcceptance", "Case", 200, false}},
      {"POST /api/v1/cases/{id}/settlement", {"SettlementDraft", "Case", 200, false}},
      {"POST /api/v1/cases/{id}/settlement/sign", {"SettlementSignature", "Case", 200, false}},
      {"POST /api/v1/cases/{id}/obligations/{obligation_id}",
       {"ObligationMark", "Case", 200, false}},
      {"POST /api/v1/cases/{id}/extension", {"ExtensionRequest", "Case", 200, false}},
      {"POST /api/v1/cases/{id}/extension/agree", {"CaseStep", "Case", 200, false}},
      {"POST /api/v1/cases/{id}/extension/decline", {"CaseStep", "Case", 200, false}},
      {"POST /api/v1/cases/{id}/withdraw", {"CaseStep", "Case", 200, false}},
      {"POST /api/v1/cases/{id}/notice", {"CaseStep", "Case", 200, false}},
      {"POST /api/v1/cases/{id}/rule-out", {"RuleOut", "Case", 200, false}},
      {"POST /api/v1/cases/{id}/child-threat", {"ChildThreat", "Case", 200, false}},
      {"GET /api/v1/cases/{id}/contract.pdf", {nullptr, nullptr, 200, false}},
      {"GET /api/v1/cases/{id}/settlement/{number}/document.pdf", {nullptr, nullptr, 200, false}},
      {"GET /api/v1/cases/{id}/notice.pdf", {nullptr, nullptr, 200, false}},
      {"GET /api/v1/cases/{id}/extensions/{number}/court-notice.pdf",
       {nullptr, nullptr, 200, false}},
      {"GET /api/v1/cases/{id}/court-package.pdf", {nullptr, nullptr, 200, false}},
      {"POST /api/v1/tickets", {"NewTicket", "Submitted", 201, true}},
      {"POST /api/v1/tickets/resume", {"Resume", "Submitted", 200, true}},
      {"GET /api/v1/tickets", {nullptr, "TicketList", 200, false}},
      {"GET /api/v1/tickets/{id}", {nullptr, "Ticket", 200, false}},
      {"POST /api/v1/tickets/{id}/leave", {nullptr, "Ticket", 200, false}},
      {"POST /api/v1/tickets/{id}/erase", {nullptr, nullptr, 204, false}},
      {"POST /api/v1/tickets/{id}/defer", {nullptr, "Ticket", 200, false}},
      {"POST /api/v1/tickets/{id}/feedback", {"NewFeedback", nullptr, 201, false}},
      {"POST /api/v1/tickets/{id}/reassign", {"SpecialistRef", nullptr, 200, false}},
      {"GET /api/v1/desk", {nullptr, "Desk", 200, false}},
      {"POST /api/v1/desk/duty", {"Duty", "Desk", 200, false}},
      {"POST /api/v1/desk/next", {nullptr, "Room", 200, false}},
      {"POST /api/v1/desk/offers/{ticket_id}/accept", {nullptr, "Room", 200, false}},
      {"POST /api/v1/desk/offers/{ticket_id}/decline", {nullptr, nullptr, 204, false}},
      {"POST /api/v1/consultations/phone", {"PhoneConsultation", "Ticket", 201, false}},
      {"GET /api/v1/rooms/{id}", {nullptr, "Room", 200, false}},
      {"GET /api/v1/rooms/{id}/messages", {nullptr, "MessageList", 200, false}},
      {"POST /api/v1/rooms/{id}/messages", {"NewMessage", "Message", 201, false}},
      {"GET /api/v1/rooms/{id}/transcript", {nullptr, nullptr, 200, false}},
      {"GET /api/v1/rooms/{id}/notes", {nullptr, "NoteList", 200, false}},
      {"POST /api/v1/rooms/{id}/notes", {"NewNote", "Note", 201, false}},
      {"POST /api/v1/rooms/{id}/close", {"CloseRoom", "Room", 200, false}},
      {"POST /api/v1/rooms/{id}/invite", {"SpecialistRef", "Room", 200, false}},
      {"POST /api/v1/rooms/{id}/transfer", {"Transfer", "Room", 200, false}},
      {"POST /api/v1/rooms/{id}/attachments", {nullptr, "Message", 201, false}},
      {"GET /api/v1/attachments/{id}", {nullptr, nullptr, 200, false}},
  };
  return table;
}

constexpr const char *kSchemas = R"json({
  "Problem": {"type": "object", "required": ["type", "title", "status", "detail"],
    "properties": {"type": {"type": "string"}, "title": {"type": "string"},
      "status": {"type": "integer"}, "detail": {"type": "string"},
      "errors": {"type": "array", "items": {"type": "object", "properties": {
        "field": {"type": "string"}, "code": {"type": "string"}, "detail": {"type": "string"}}}}}},
  "Status": {"type": "object", "properties": {"status": {"type": "string"}}},
  "ConferenceInput": {"type": "object", "additionalProperties": false, "properties": {
    "title": {"type": "string", "maxLength": 200}, "description": {"type": "string", "maxLength": 4000},
    "language": {"$ref": "#/components/schemas/Language"},
    "starts_at": {"type": "string", "format": "date-time"}, "ends_at": {"type": "string", "format": "date-time"},
    "agenda": {"type": "array", "maxItems": 30, "items": {"type": "object", "required": ["title"], "properties": {
      "id": {"type": "string", "description": "an existing item's: keeps its minutes"}, "title": {"type": "string", "maxLength": 200}}}},
    "specialists": {"type": "array", "items": {"type": "string"}, "description": "user ids of staff of any organisation"},
    "moderators": {"type": "array", "items": {"type": "string"}, "description": "among specialists"},
    "guests": {"type": "array", "items": {"type": "object", "required": ["name", "email"], "properties": {
      "name": {"type": "string", "maxLength": 200}, "email": {"type": "string"},
      "language": {"$ref": "#/components/schemas/Language"}}}}}},
  "Conference": {"type": "object", "properties": {
    "id": {"type": "string"}, "organisation_id": {"type": "string"}, "title": {"type": "string"},
    "description": {"type": "string"}, "language": {"$ref": "#/components/schemas/Language"},
    "starts_at": {"type": "string", "format": "date-time"}, "ends_at": {"type": "string", "format": "date-time"},
    "status": {"type": "string", "enum": ["scheduled", "cancelled", "ended"]},
    "phase": {"type": "string", "enum": ["upcoming", "live", "ended", "cancelled"]},
    "ended_at": {"type": ["string", "null"], "format": "date-time"}, "created_by": {"type": "string"},
    "my_role": {"type": "string", "enum": ["moderator", "speaker", "guest"]},
    "agenda": {"type": "array", "items": {"type": "object", "properties": {
      "id": {"type": "string"}, "title": {"type": "string"}, "minutes": {"type": "string"}}}},
    "participants": {"type": "array", "items": {"type": "object", "properties": {
      "role": {"type": "string", "enum": ["moderator", "speaker", "guest"]}, "user_id": {"type": ["string", "null"]},
      "name": {"type": "string"}, "email": {"type": "string", "description": "guests', for moderators only"},
      "organisation_id": {"type": "string"}, "joined": {"type": "boolean"}}}},
    "proposals": {"type": "array", "items": {"$ref": "#/components/schemas/Proposal"}}}},
  "ConferenceList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Conference"}}, "next": {"type": ["string", "null"]}}},
  "ConferenceJoin": {"type": "object", "required": ["token"], "additionalProperties": false, "properties": {
    "token": {"type": "string", "maxLength": 64}, "replace": {"type": "boolean"}}},
  "InviteeList": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {
    "id": {"type": "string"}, "display_name": {"type": "string"}, "organisation_id": {"type": "string"},
    "role": {"$ref": "#/components/schemas/Role"}}}}, "next": {"type": ["string", "null"]}}},
  "Minutes": {"type": "object", "additionalProperties": false, "properties": {"minutes": {"type": "string", "maxLength": 20000}}},
  "ProposalStatus": {"type": "string", "enum": ["open", "in_progress", "done", "dropped"]},
  "ProposalInput": {"type": "object", "additionalProperties": false, "properties": {
    "text": {"type": "string", "maxLength": 2000}, "owner_id": {"type": "string"},
    "owner_name": {"type": "string", "maxLength": 200}, "due_date": {"type": "string", "format": "date"},
    "agenda_item_id": {"type": "string"}, "status": {"$ref": "#/components/schemas/ProposalStatus"}}},
  "Proposal": {"type": "object", "properties": {
    "id": {"type": "string"}, "conference_id": {"type": "string"}, "conference_title": {"type": "string"},
    "agenda_item_id": {"type": ["string", "null"]}, "agenda_title": {"type": "string"}, "text": {"type": "string"},
    "owner_id": {"type": ["string", "null"]}, "owner_name": {"type": "string"}, "owner": {"type": "string"},
    "due_date": {"type": "string", "format": "date"}, "status": {"$ref": "#/components/schemas/ProposalStatus"},
    "created_at": {"type": "string", "format": "date-time"}, "closed_at": {"type": ["string", "null"], "format": "date-time"},
    "may_change": {"type": "boolean"}}},
  "ProposalList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Proposal"}}, "next": {"type": ["string", "null"]}}},
  "Specialisation": {"type": "string", "enum": ["civil", "family", "labour", "commercial", "administrative", "criminal"]},
  "MediatorInput": {"type": "object", "required": ["name", "kind", "keeper", "specialisations", "languages", "regions"], "properties": {
    "name": {"type": "string", "maxLength": 200}, "kind": {"type": "string", "enum": ["professional", "public"]},
    "keeper": {"type": "string", "maxLength": 300, "description": "the organisation of mediators, or the akimat"},
    "certificate": {"type": ["object", "null"], "properties": {"number": {"type": "string", "maxLength": 64}, "date": {"type": "string", "format": "date"}}},
    "specialisations": {"type": "array", "items": {"$ref": "#/components/schemas/Specialisation"}},
    "languages": {"type": "array", "items": {"type": "string", "enum": ["kk", "ru", "en"]}},
    "regions": {"type": "array", "items": {"type": "string"}}, "user_id": {"type": "string"}}},
  "Mediator": {"type": "object", "properties": {
    "id": {"type": "string"}, "name": {"type": "string"}, "kind": {"type": "string", "enum": ["professional", "public"]},
    "keeper": {"type": "string"}, "certificate": {"type": ["object", "null"], "properties": {"number": {"type": "string"}, "date": {"type": "string", "format": "date"}}},
    "specialisations": {"type": "array", "items": {"$ref": "#/components/schemas/Specialisation"}},
    "languages": {"type": "array", "items": {"type": "string"}}, "regions": {"type": "array", "items": {"type": "string"}},
    "status": {"type": "string", "enum": ["active", "suspended", "excluded"]}, "status_since": {"type": ["string", "null"], "format": "date"},
    "status_reason": {"type": "string"}, "takes_cases": {"type": "boolean"}}},
  "MediatorList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Mediator"}}, "next": {"type": ["string", "null"]}}},
  "MediatorStatusChange": {"type": "object", "required": ["status"], "properties": {
    "status": {"type": "string", "enum": ["active", "suspended", "excluded"]}, "reason": {"type": "string", "maxLength": 1000}}},
  "CasePartyInput": {"type": "object", "required": ["name", "kind", "identifier"], "properties": {
    "name": {"type": "string", "maxLength": 300}, "kind": {"type": "string", "enum": ["person", "organisation"]},
    "identifier": {"type": "string", "pattern": "^[0-9]{12}$", "description": "IIN for a person, BIN for an organisation, control digit checked"},
    "email": {"type": "string", "maxLength": 254}}},
  "YesNo": {"type": "string", "enum": ["yes", "no"]},
  "CaseOpening": {"type": "object", "required": ["parties", "subject", "category", "language", "screening"], "properties": {
    "parties": {"type": "array", "minItems": 2, "maxItems": 2, "items": {"$ref": "#/components/schemas/CasePartyInput"}},
    "subject": {"type": "string", "maxLength": 4000},
    "category": {"type": "string", "enum": ["civil", "labour", "family", "administrative", "criminal_minor", "criminal_grave", "criminal_especially_grave", "other"]},
    "language": {"$ref": "#/components/schemas/Language"}, "court_case_pending": {"type": "boolean"},
    "ticket_id": {"type": "string"}, "region": {"type": "string"},
    "screening": {"type": "object", "properties": {"third_party_rights": {"$ref": "#/components/schemas/YesNo"},
      "incapable_party": {"$ref": "#/components/schemas/YesNo"}, "state_body": {"$ref": "#/components/schemas/YesNo"},
      "corruption_crime": {"$ref": "#/components/schemas/YesNo"}}}}},
  "Case": {"type": "object", "description": "docs/mediation-api.md, The Case", "properties": {
    "id": {"type": "string"}, "version": {"type": "integer"},
    "my_role": {"type": ["string", "null"], "enum": ["party", "representative", "mediator", null]},
    "stage": {"type": "string", "enum": ["screening", "inviting", "choosing_mediator", "contracting", "running", "ended"]},
    "subject": {"type": "string"}, "category": {"type": "string"}, "language": {"type": "string"},
    "parties": {"type": "array", "items": {"type": "object"}}, "invitation": {"type": ["object", "null"]},
    "mediators": {"type": "array", "items": {"type": "object"}}, "contract": {"type": ["object", "null"]},
    "clock": {"type": ["object", "null"]}, "settlement": {"type": "object"}, "ending": {"type": ["object", "null"]},
    "notice_available": {"type": "boolean"}, "can": {"type": "array", "items": {"type": "string"}}}},
  "CaseSummary": {"type": "object", "properties": {
    "id": {"type": "string"}, "stage": {"type": "string"}, "source": {"type": "string"}, "category": {"type": "string"},
    "opened_at": {"type": "string", "format": "date-time"}, "started_at": {"type": ["string", "null"], "format": "date-time"},
    "ended_at": {"type": ["string", "null"], "format": "date-time"}, "ending_ground": {"type": ["string", "null"]}}},
  "CaseFigures": {"type": "object", "description": "core/mediation/figures.hpp: counts by category, region and outcome, shares, days to settlement, obligations performed; names no one"},
  "CaseSummaryList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/CaseSummary"}}, "next": {"type": ["string", "null"]}}},
  "CaseStep": {"type": "object", "properties": {"version": {"type": "integer", "minimum": 1, "description": "the version the page showed: 409 when the case changed since"}}},
  "CaseInvitation": {"type": "object", "properties": {"answer_days": {"type": "integer", "minimum": 1, "maximum": 90}, "version": {"type": "integer", "minimum": 1, "description": "the version the page showed: 409 when the case changed since"}}},
  "CaseInvited": {"type": "object", "properties": {"case": {"$ref": "#/components/schemas/Case"},
    "links": {"type": "array", "items": {"type": "object", "properties": {"party_id": {"type": "string"}, "link": {"type": "string"}}}}}},
  "InvitationPreview": {"type": "object", "properties": {"case_id": {"type": "string"}, "party_name": {"type": "string"},
    "inviter": {"type": "string"}, "category": {"type": "string"}, "subject": {"type": "string"},
    "language": {"type": "string"}, "deadline": {"type": "string", "format": "date"}}},
  "InvitationRefused": {"type": "object", "properties": {"ended": {"type": "boolean"}}},
  "MediatorProposal": {"type": "object", "required": ["register_id"], "properties": {"register_id": {"type": "string"}, "version": {"type": "integer", "minimum": 1, "description": "the version the page showed: 409 when the case changed since"}}},
  "ConflictDeclaration": {"type": "object", "required": ["conflict"], "properties": {"conflict": {"type": "boolean"},
    "note": {"type": "string", "maxLength": 2000}, "version": {"type": "integer", "minimum": 1, "description": "the version the page showed: 409 when the case changed since"}}},
  "ContractDraft": {"type": "object", "required": ["place", "fee"], "properties": {"place": {"type": "string", "maxLength": 300},
    "procedure": {"type": "string", "maxLength": 4000},
    "fee": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string", "enum": ["free", "paid"]},
      "amount_tiyn": {"type": "integer", "minimum": 0}, "shares_percent": {"type": "object", "additionalProperties": {"type": "integer"}}}},
    "version": {"type": "integer", "minimum": 1, "description": "the version the page showed: 409 when the case changed since"}}},
  "ContractAcceptance": {"type": "object", "required": ["contract_version", "document_hash"], "properties": {
    "contract_version": {"type": "integer"}, "document_hash": {"type": "string"},
    "cms": {"type": "string", "description": "a detached CMS signature of the PDF's bytes, base64 (DER) or PEM"}, "version": {"type": "integer", "minimum": 1, "description": "the version the page showed: 409 when the case changed since"}}},
  "SettlementSignature": {"type": "object", "required": ["settlement_version", "document_hash"], "properties": {
    "settlement_version": {"type": "integer"}, "document_hash": {"type": "string"}, "cms": {"type": "string"}, "version": {"type": "integer", "minimum": 1, "description": "the version the page showed: 409 when the case changed since"}}},
  "SettlementDraft": {"type": "object", "required": ["place", "consequences", "obligations"], "properties": {
    "place": {"type": "string", "maxLength": 300}, "terms": {"type": "string", "maxLength": 20000},
    "consequences": {"type": "string", "maxLength": 4000},
    "obligations": {"type": "array", "minItems": 1, "maxItems": 50, "items": {"type": "object", "required": ["owed_by", "what", "how", "due"], "properties": {
      "owed_by": {"type": "string"}, "what": {"type": "string", "maxLength": 2000}, "how": {"type": "string", "maxLength": 1000},
      "due": {"type": "string", "format": "date"}}}}, "version": {"type": "integer", "minimum": 1, "description": "the version the page showed: 409 when the case changed since"}}},
  "ObligationMark": {"type": "object", "required": ["performed"], "properties": {"performed": {"type": "boolean"}, "version": {"type": "integer", "minimum": 1, "description": "the version the page showed: 409 when the case changed since"}}},
  "ExtensionRequest": {"type": "object", "required": ["days"], "properties": {"days": {"type": "integer", "minimum": 1, "maximum": 30}, "version": {"type": "integer", "minimum": 1, "description": "the version the page showed: 409 when the case changed since"}}},
  "RuleOut": {"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string", "maxLength": 2000}, "version": {"type": "integer", "minimum": 1, "description": "the version the page showed: 409 when the case changed since"}}},
  "ChildThreat": {"type": "object", "required": ["note"], "properties": {"note": {"type": "string", "maxLength": 4000}, "version": {"type": "integer", "minimum": 1, "description": "the version the page showed: 409 when the case changed since"}}},
  "LocalText": {"type": "object", "required": ["kk", "ru", "en"], "properties": {
    "kk": {"type": "string"}, "ru": {"type": "string"}, "en": {"type": "string"}}},
  "Language": {"type": "string", "enum": ["kk", "ru", "en"]},
  "Role": {"type": "string", "enum": ["citizen", "specialist", "coordinator", "admin"]},
  "Kind": {"type": "string", "enum": ["mediator", "psychologist", "lawyer", "judge", "doctor", "anticorruption", "other"]},
  "Category": {"type": "string", "enum": ["family", "civil", "labour", "housing", "health", "consumer", "corruption", "other"]},
  "User": {"type": "object", "properties": {
    "id": {"type": "string"}, "email": {"type": "string"}, "display_name": {"type": "string"},
    "role": {"$ref": "#/components/schemas/Role"},
    "kinds": {"type": "array", "items": {"$ref": "#/components/schemas/Kind"}},
    "consent": {"type": ["object", "null"], "properties": {"version": {"type": "string"},
      "at": {"type": "string", "format": "date-time"}}},
    "organisation": {"type": ["object", "null"], "properties": {"id": {"type": "string"},
      "name": {"$ref": "#/components/schemas/LocalText"}, "region": {"type": "string"}}},
    "language": {"$ref": "#/components/schemas/Language"},
    "languages": {"type": "array", "items": {"$ref": "#/components/schemas/Language"}},
    "categories": {"type": "array", "items": {"$ref": "#/components/schemas/Category"}},
    "capacity": {"type": "integer", "minimum": 1, "maximum": 5},
    "status": {"type": "string", "enum": ["active", "invited", "deactivated"]},
    "created_at": {"type": "string", "format": "date-time"}}},
  "AuditList": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {
    "id": {"type": "integer"}, "at": {"type": "string", "format": "date-time"}, "actor_id": {"type": ["string", "null"]},
    "action": {"type": "string"}, "object_type": {"type": "string"}, "object_id": {"type": "string"},
    "detail": {"type": "string"}, "ip": {"type": "string"}, "sealed": {"type": "boolean"}}}},
    "next": {"type": ["string", "null"]}}},
  "PasswordReset": {"type": "object", "required": ["email"], "additionalProperties": false, "properties": {
    "email": {"type": "string", "maxLength": 254}}},
  "Requested": {"type": "object", "properties": {"requested": {"type": "boolean"}}},
  "Sent": {"type": "object", "properties": {"sent": {"type": "boolean"}}},
  "AccountLinkQuery": {"type": "object", "required": ["token"], "additionalProperties": false, "properties": {
    "token": {"type": "string", "maxLength": 128}}},
  "AccountLink": {"type": "object", "properties": {
    "purpose": {"type": "string", "enum": ["invitation", "password_reset"]},
    "email": {"type": "string"}, "display_name": {"type": "string"}}},
  "SetPassword": {"type": "object", "required": ["token", "password"], "additionalProperties": false, "properties": {
    "token": {"type": "string", "maxLength": 128}, "password": {"type": "string", "minLength": 10, "maxLength": 128}}},
  "PasswordChange": {"type": "object", "required": ["current_password", "new_password"], "additionalProperties": false, "properties": {
    "current_password": {"type": "string"}, "new_password": {"type": "string", "minLength": 10, "maxLength": 128}}},
  "UserList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/User"}}, "next": {"type": ["string", "null"]}}},
  "SignUp": {"type": "object", "required": ["email", "password", "display_name", "consent"], "additionalProperties": false, "properties": {
    "email": {"type": "string", "maxLength": 254}, "password": {"type": "string", "minLength": 10, "maxLength": 128},
    "display_name": {"type": "string", "maxLength": 100}, "language": {"$ref": "#/components/schemas/Language"},
    "consent": {"type": "boolean", "const": true}, "consent_version": {"type": "string", "maxLength": 32}}},
  "AccountDeletion": {"type": "object", "additionalProperties": false, "properties": {
    "password": {"type": "string", "description": "required unless the account is a guest's"}}},
  "MediaInfo": {"type": "object", "required": ["calls", "ice_servers", "max_sdp_bytes"], "properties": {
    "calls": {"type": "boolean"}, "max_sdp_bytes": {"type": "integer"},
    "ice_servers": {"type": "array", "items": {"type": "object", "properties": {
      "urls": {"type": "array", "items": {"type": "string"}}, "username": {"type": "string"},
      "credential": {"type": "string"}}}}}},
  "Consent": {"type": "object", "properties": {"version": {"type": "string"},
    "text": {"type": "string"}, "retention_days": {"type": "integer"}}},
  "SignIn": {"type": "object", "required": ["email", "password"], "additionalProperties": false, "properties": {
    "email": {"type": "string"}, "password": {"type": "string"}}},
  "SignedIn": {"type": "object", "properties": {"user": {"$ref": "#/components/schemas/User"}}},
  "MyChanges": {"type": "object", "additionalProperties": false, "properties": {
    "display_name": {"type": "string", "maxLength": 100}, "language": {"$ref": "#/components/schemas/Language"}}},
  "NewStaff": {"type": "object", "required": ["email", "display_name", "role"], "additionalProperties": false, "properties": {
    "email": {"type": "string"}, "display_name": {"type": "string"},
    "capacity": {"type": "integer", "minimum": 1, "maximum": 5},
    "role": {"$ref": "#/components/schemas/Role"},
    "kinds": {"type": "array", "items": {"$ref": "#/components/schemas/Kind"}},
    "organisation_id": {"type": "string"}, "language": {"$ref": "#/components/schemas/Language"},
    "languages": {"type": "array", "items": {"$ref": "#/components/schemas/Language"}},
    "categories": {"type": "array", "items": {"$ref": "#/components/schemas/Category"}}}},
  "UserChanges": {"type": "object", "additionalProperties": false, "properties": {
    "display_name": {"type": "string"}, "language": {"$ref": "#/components/schemas/Language"},
    "role": {"$ref": "#/components/schemas/Role"},
    "kinds": {"type": "array", "items": {"$ref": "#/components/schemas/Kind"}},
    "languages": {"type": "array", "items": {"$ref": "#/components/schemas/Language"}},
    "categories": {"type": "array", "items": {"$ref": "#/components/schemas/Category"}},
    "capacity": {"type": "integer", "minimum": 1, "maximum": 5}}},
  "Region": {"type": "object", "properties": {"code": {"type": "string", "pattern": "^KZ-[0-9]{2}$"},
    "kind": {"type": "string", "enum": ["region", "city"]}, "name": {"$ref": "#/components/schemas/LocalText"}}},
  "RegionList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Region"}}, "next": {"type": ["string", "null"]}}},
  "Organisation": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"$ref": "#/components/schemas/LocalText"},
    "region": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"}}},
  "OrganisationList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Organisation"}}, "next": {"type": ["string", "null"]}}},
  "NewOrganisation": {"type": "object", "required": ["name", "region"], "additionalProperties": false, "properties": {
    "name": {"$ref": "#/components/schemas/LocalText"}, "region": {"type": "string"}}},
  "WordList": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "string"}}, "next": {"type": ["string", "null"]}}},
  "NewCategory": {"type": "object", "required": ["code"], "properties": {"code": {"type": "string", "pattern": "^[a-z0-9_]{1,32}$"}}},
  "Channel": {"type": "string", "enum": ["chat", "voice", "video", "phone"]},
  "Outcome": {"type": "string", "enum": ["advice_given", "referred_to_mediation", "referred_to_court", "referred_to_public_body", "follow_up_needed", "not_resolved"]},
  "Shift": {"type": "object", "required": ["specialist_id", "kinds", "from", "to"], "properties": {
    "specialist_id": {"type": "string"}, "display_name": {"type": "string"},
    "kinds": {"type": "array", "items": {"$ref": "#/components/schemas/Kind"}},
    "from": {"type": "string", "format": "date-time"}, "to": {"type": "string", "format": "date-time"}}},
  "ShiftList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Shift"}}, "next": {"type": ["string", "null"]}}},
  "Hours": {"type": "object", "required": ["weekday", "from", "to"], "properties": {
    "weekday": {"type": "integer", "minimum": 1, "maximum": 7}, "from": {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"}, "to": {"type": "string"}}},
  "ReceptionInput": {"type": "object", "additionalProperties": false, "properties": {
    "organisation_id": {"type": "string"}, "title": {"$ref": "#/components/schemas/LocalText"},
    "description": {"$ref": "#/components/schemas/LocalText"},
    "starts_at": {"type": "string", "format": "date-time"}, "ends_at": {"type": "string", "format": "date-time"},
    "categories": {"type": "array", "items": {"type": "string"}},
    "channels": {"type": "array", "items": {"$ref": "#/components/schemas/Channel"}},
    "slot_minutes": {"type": "integer", "minimum": 0, "maximum": 240},
    "roster": {"type": "array", "items": {"$ref": "#/components/schemas/Shift"}},
    "hours": {"type": "array", "items": {"$ref": "#/components/schemas/Hours"}},
    "holidays": {"type": "array", "items": {"type": "string", "format": "date"}}}},
  "Reception": {"type": "object", "properties": {
    "id": {"type": "string"}, "organisation_id": {"type": "string"}, "organisation_name": {"$ref": "#/components/schemas/LocalText"},
    "kind": {"type": "string", "enum": ["event", "permanent"]}, "title": {"$ref": "#/components/schemas/LocalText"},
    "description": {"$ref": "#/components/schemas/LocalText"},
    "starts_at": {"type": "string", "format": "date-time"}, "ends_at": {"type": "string", "format": "date-time"},
    "categories": {"type": "array", "items": {"type": "string"}},
    "channels": {"type": "array", "items": {"$ref": "#/components/schemas/Channel"}},
    "hours": {"type": "array", "items": {"$ref": "#/components/schemas/Hours"}},
    "holidays": {"type": "array", "items": {"type": "string"}}, "slot_minutes": {"type": "integer"},
    "closed_at": {"type": ["string", "null"]}, "status": {"type": "string", "enum": ["upcoming", "open", "closed"]},
    "open_now": {"type": "boolean"}, "next_opening": {"type": ["string", "null"]},
    "kinds_on_duty": {"type": "array", "items": {"$ref": "#/components/schemas/Kind"}}}},
  "ReceptionList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Reception"}}, "next": {"type": ["string", "null"]}}},
  "SlotList": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {
    "at": {"type": "string", "format": "date-time"}, "free": {"type": "boolean"}}}}, "next": {"type": ["string", "null"]}}},
  "NewTicket": {"type": "object", "required": ["region", "language", "category", "description", "kinds", "consent"], "additionalProperties": false, "properties": {
    "reception_id": {"type": "string"}, "organisation_id": {"type": "string"}, "region": {"type": "string", "pattern": "^KZ-[0-9]{2}$"},
    "language": {"$ref": "#/components/schemas/Language"}, "category": {"type": "string"},
    "description": {"type": "string", "maxLength": 4000}, "channel": {"$ref": "#/components/schemas/Channel"},
    "kinds": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/Kind"}},
    "consent": {"type": "boolean", "const": true}, "consent_version": {"type": "string", "maxLength": 32},
    "contact": {"type": "string", "maxLength": 200},
    "slot_at": {"type": "string", "format": "date-time"}}},
  "Seat": {"type": "object", "properties": {"kind": {"$ref": "#/components/schemas/Kind"},
    "specialist": {"type": ["object", "null"], "properties": {"id": {"type": "string"}, "display_name": {"type": "string"}}},
    "joined_at": {"type": ["string", "null"]}}},
  "Ticket": {"type": "object", "properties": {
    "id": {"type": "string"}, "reception_id": {"type": "string"}, "organisation_id": {"type": "string"},
    "region": {"type": "string"}, "language": {"$ref": "#/components/schemas/Language"}, "category": {"type": "string"},
    "description": {"type": "string"}, "channel": {"$ref": "#/components/schemas/Channel"},
    "kinds": {"type": "array", "items": {"$ref": "#/components/schemas/Kind"}},
    "seats": {"type": "array", "items": {"$ref": "#/components/schemas/Seat"}},
    "status": {"type": "string", "enum": ["scheduled", "waiting", "in_room", "deferred", "closed", "no_show", "abandoned"]},
    "place": {"type": ["integer", "null"]}, "estimated_wait_seconds": {"type": ["integer", "null"]},
    "on_duty": {"type": "boolean"}, "next_opening": {"type": ["string", "null"]}, "room_id": {"type": ["string", "null"]},
    "consent_version": {"type": "string"}, "consent_at": {"type": ["string", "null"]}, "erased": {"type": "boolean"},
    "created_at": {"type": "string", "format": "date-time"}, "slot_at": {"type": ["string", "null"]},
    "contact": {"type": ["string", "null"]}, "feedback_given": {"type": "boolean"}}},
  "TicketList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Ticket"}}, "next": {"type": ["string", "null"]}}},
  "Submitted": {"type": "object", "properties": {"ticket": {"$ref": "#/components/schemas/Ticket"}, "link": {"type": ["string", "null"]}}},
  "Resume": {"type": "object", "required": ["token"], "additionalProperties": false, "properties": {"token": {"type": "string"}, "replace": {"type": "boolean", "description": "Sign this device out of another citizen's or guest's account to open the ticket (never a staff account: 409 other-account)"}}},
  "NewFeedback": {"type": "object", "required": ["rating"], "additionalProperties": false, "properties": {
    "rating": {"type": "integer", "minimum": 1, "maximum": 5}, "comment": {"type": "string", "maxLength": 2000}, "proposal": {"type": "string", "maxLength": 2000}}},
  "Feedback": {"type": "object", "properties": {"ticket_id": {"type": "string"}, "reception_id": {"type": "string"},
    "rating": {"type": "integer"}, "comment": {"type": "string"}, "proposal": {"type": "string"}, "at": {"type": "string", "format": "date-time"}}},
  "FeedbackList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Feedback"}}, "next": {"type": ["string", "null"]}}},
  "SpecialistRef": {"type": "object", "required": ["specialist_id"], "additionalProperties": false, "properties": {"specialist_id": {"type": "string"}}},
  "Duty": {"type": "object", "required": ["on_duty"], "additionalProperties": false, "properties": {"on_duty": {"type": "boolean"}}},
  "Offer": {"type": "object", "properties": {"ticket_id": {"type": "string"}, "reception_id": {"type": "string"},
    "kind": {"$ref": "#/components/schemas/Kind"}, "category": {"type": "string"}, "language": {"$ref": "#/components/schemas/Language"},
    "region": {"type": "string"}, "description": {"type": "string"}, "expires_at": {"type": "string", "format": "date-time"}}},
  "Desk": {"type": "object", "properties": {"on_duty": {"type": "boolean"},
    "kinds": {"type": "array", "items": {"$ref": "#/components/schemas/Kind"}},
    "receptions": {"type": "array", "items": {"type": "object"}},
    "offer": {"oneOf": [{"$ref": "#/components/schemas/Offer"}, {"type": "null"}]},
    "rooms": {"type": "array", "items": {"type": "object"}}}},
  "Room": {"type": "object", "properties": {"id": {"type": "string"}, "ticket_id": {"type": "string"}, "reception_id": {"type": "string"},
    "members": {"type": "array", "items": {"type": "object", "properties": {"user_id": {"type": "string"}, "display_name": {"type": "string"},
      "kind": {"type": ["string", "null"]}, "joined_at": {"type": "string"}, "left_at": {"type": ["string", "null"]}, "last_read_seq": {"type": "integer"}}}},
    "awaited_kinds": {"type": "array", "items": {"$ref": "#/components/schemas/Kind"}},
    "closed_at": {"type": ["string", "null"]}, "outcome": {"type": ["string", "null"]}, "summary": {"type": "string"},
    "last_seq": {"type": "integer"}, "ticket": {"$ref": "#/components/schemas/Ticket"}}},
  "Attachment": {"type": "object", "properties": {"id": {"type": "string"}, "file_name": {"type": "string"},
    "content_type": {"type": "string", "enum": ["application/pdf", "image/png", "image/jpeg", "image/webp"]}, "size": {"type": "integer"}}},
  "Message": {"type": "object", "properties": {"room_id": {"type": "string"}, "seq": {"type": "integer"},
    "sender_id": {"type": "string"}, "sender_name": {"type": "string"}, "kind": {"type": "string", "enum": ["text", "attachment", "system"]},
    "body": {"type": "string"}, "attachment": {"oneOf": [{"$ref": "#/components/schemas/Attachment"}, {"type": "null"}]},
    "client_id": {"type": "string"}, "at": {"type": "string", "format": "date-time"}}},
  "MessageList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Message"}}, "next": {"type": ["string", "null"]}}},
  "NewMessage": {"type": "object", "required": ["client_id", "body"], "additionalProperties": false, "properties": {
    "client_id": {"type": "string", "maxLength": 64}, "body": {"type": "string", "maxLength": 4000}}},
  "Note": {"type": "object", "properties": {"id": {"type": "string"}, "room_id": {"type": "string"}, "author_id": {"type": "string"},
    "body": {"type": "string"}, "at": {"type": "string", "format": "date-time"}}},
  "NoteList": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Note"}}, "next": {"type": ["string", "null"]}}},
  "NewNote": {"type": "object", "required": ["body"], "additionalProperties": false, "properties": {"body": {"type": "string", "maxLength": 4000}}},
  "CloseRoom": {"type": "object", "additionalProperties": false, "properties": {"outcome": {"$ref": "#/components/schemas/Outcome"},
    "summary": {"type": "string", "maxLength": 1000}, "no_show": {"type": "boolean"}}},
  "Transfer": {"type": "object", "additionalProperties": false, "description": "exactly one of kind and specialist_id", "properties": {"kind": {"$ref": "#/components/schemas/Kind"}, "specialist_id": {"type": "string"}}},
  "PhoneConsultation": {"type": "object", "required": ["region", "category", "kinds", "outcome", "duration_minutes"], "additionalProperties": false, "properties": {
    "reception_id": {"type": "string"}, "region": {"type": "string"}, "language": {"$ref": "#/components/schemas/Language"},
    "category": {"type": "string"}, "kinds": {"type": "array", "items": {"$ref": "#/components/schemas/Kind"}},
    "outcome": {"$ref": "#/components/schemas/Outcome"}, "duration_minutes": {"type": "integer", "minimum": 1, "maximum": 600},
    "summary": {"type": "string", "maxLength": 1000}}},
  "Figures": {"type": "object", "properties": {"served": {"type": "integer"},
    "by_category": {"type": "object"}, "by_kind": {"type": "object"}, "by_region": {"type": "object"},
    "by_channel": {"type": "object"}, "by_outcome": {"type": "object"}, "no_show": {"type": "integer"},
    "abandoned": {"type": "integer"}, "wait_median_seconds": {"type": ["integer", "null"]},
    "wait_p90_seconds": {"type": ["integer", "null"]}, "rating_average": {"type": ["number", "null"]}, "ratings": {"type": "integer"},
    "by_call": {"type": "object"}, "call_median_minutes": {"type": ["integer", "null"]}, "call_p90_minutes": {"type": ["integer", "null"]}}},
  "Summary": {"type": "object", "properties": {"reception": {"$ref": "#/components/schemas/Reception"}, "figures": {"$ref": "#/components/schemas/Figures"}}},
  "Board": {"type": "object", "properties": {"reception_id": {"type": "string"}, "waiting": {"type": "integer"},
    "waiting_by_category": {"type": "object"}, "waiting_by_kind": {"type": "object"}, "longest_wait_seconds": {"type": "integer"},
    "tickets": {"type": "array", "items": {"$ref": "#/components/schemas/Ticket"}},
    "specialists": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "display_name": {"type": "string"},
      "kinds": {"type": "array", "items": {"$ref": "#/components/schemas/Kind"}}, "state": {"type": "string", "enum": ["free", "busy", "away", "offered"]},
      "rooms": {"type": "integer"}}}},
    "rooms": {"type": "array", "items": {"type": "object"}}}}
})json";

boost::json::object ref(const char *schema) {
  return {{"$ref", std::string("#/components/schemas/") + schema}};
}
} // namespace

std::set<std::string> describedOperations() {
  std::set<std::string> out;
  for (const auto &[key, _] : operations()) out.insert(key);
  return out;
}

boost::json::object openApiDocument(const Router &router) {
  boost::json::object paths;
  for (const auto &route : router.routes()) {
    auto it = operations().find(route.method + " " + route.pattern);
    boost::json::object op{{"summary", route.summary}};
    boost::json::object responses;
    if (it != operations().end()) {
      const Operation &o = it->second;
      if (o.request)
        op["requestBody"] = {{"required", true},
                             {"content", {{"application/json", {{"schema", ref(o.request)}}}}}};
      boost::json::object ok{{"description", "OK"}};
      if (o.response) ok["content"] = {{"application/json", {{"schema", ref(o.response)}}}};
      responses[std::to_string(o.status)] = std::move(ok);
      if (!o.public_access)
        op["security"] = boost::json::array{{{"session", boost::json::array{}}}};
    }
    responses["default"] = {
        {"description", "A problem (RFC 9457), in the caller's language"},
        {"content", {{"application/problem+json", {{"schema", ref("Problem")}}}}}};
    op["responses"] = std::move(responses);
    boost::json::array params;
    for (auto open = route.pattern.find('{'); open != std::string::npos;
         open = route.pattern.find('{', open + 1)) {
      const auto close = route.pattern.find('}', open);
      params.push_back({{"name", route.pattern.substr(open + 1, close - open - 1)},
                        {"in", "path"},
                        {"required", true},
                        {"schema", {{"type", "string"}}}});
    }
    if (!params.empty()) op["parameters"] = std::move(params);
    std::string method = route.method;
    for (auto &c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto &item = paths[route.pattern];
    if (!item.is_object()) item.emplace_object();
    item.as_object()[method] = std::move(op);
  }
  return {{"openapi", "3.1.0"},
          {"info",
           {{"title", "Kelisim API"},
            {"version", "0.1.0"},
            {"description", "Virtual receptions and online mediation. Errors are "
                            "application/problem+json; lists are {items, next}."}}},
          {"servers", boost::json::array{{{"url", "/"}}}},
          {"paths", std::move(paths)},
          {"components",
           {{"schemas", boost::json::parse(kSchemas)},
            {"securitySchemes",
             {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "kelisim_session"}}}}}}}};
}

} // namespace kelisim::transport
