// A mediation case's plain data (issue 10; the Law of the RK of 28.01.2011 No. 401-IV "On
// Mediation"): its parties, the mediators chosen, the contract and its acceptances, the clock,
// the settlement's versions and signatures, the ending. Plain values, safe to copy between
// threads; the enums' text forms are stable words the database keeps.
//
// How a case moves from one stage to the next is decided by case_lifecycle.hpp, where every
// transition and its article are listed; the clock's rules are in deadlines.hpp.
#pragma once

#include "core/time.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kelisim::core::mediation {

// screening ─▶ inviting ─▶ choosing_mediator ─▶ contracting ─▶ running ─▶ ended
enum class CaseStage { screening, inviting, choosing_mediator, contracting, running, ended };
// Why a case ended: before the mediation started (the first three), on the grounds of
// Art. 26 p.1 (settled, settlement_ruled_out, parties_refused, party_refused, term_expired),
// and on a conflict of interest (Art. 10 p.2).
enum class EndGround {
  screening_refused,    // Art. 1: an excluded dispute; Ending::detail holds the ground's key
  invitation_refused,   // Art. 20 p.6: the other party said no
  invitation_lapsed,    // Art. 20 p.6: no answer within the term, deemed refused
  settled,              // Art. 26 p.1 sp.1: the settlement signed by everyone
  settlement_ruled_out, // Art. 26 p.1 sp.2: the mediator found it cannot be settled so
  parties_refused,      // Art. 26 p.1 sp.3: every party refused in writing
  party_refused,        // Art. 26 p.1 sp.4 (and Art. 5): one party refused to go on
  term_expired,         // Art. 26 p.1 sp.5, Art. 23
  conflict_of_interest, // Art. 10 p.2: a mediator's conflict found after the start
};
enum class PartyKind { person, organisation };
enum class Source { party, centre, consultation };         // who opened the case
enum class Declaration { pending, no_conflict, conflict }; // a mediator's, Art. 10
enum class FeeKind { free, paid };                         // Art. 22

std::string_view toString(CaseStage v);
std::string_view toString(EndGround v);
std::string_view toString(PartyKind v);
std::string_view toString(Source v);
std::string_view toString(Declaration v);
std::string_view toString(FeeKind v);
std::optional<CaseStage> parseCaseStage(std::string_view s);
std::optional<EndGround> parseEndGround(std::string_view s);
std::optional<PartyKind> parsePartyKind(std::string_view s);
std::optional<Source> parseSource(std::string_view s);
std::optional<Declaration> parseDeclaration(std::string_view s);
std::optional<FeeKind> parseFeeKind(std::string_view s);

// Someone who acts for a party, with the powers their document gives (Art. 21 p.2).
struct Representative {
  std::string id; // a user id: acting with this id is acting for the party
  std::string name;
  std::string powers;
  bool operator==(const Representative &) const = default;
};

struct Party {
  std::string id; // a user id (a person) or an organisation's id
  PartyKind kind = PartyKind::person;
  std::string identifier; // IIN or BIN, checked by mediation/identity before the case opens
  std::string name;
  std::vector<Representative> representatives;
  std::optional<Time> consented_at; // Art. 5: when this party agreed to mediation
  // Where the invitation and the case's mails go for a party without an account yet; none
  // for a party that signs in (their account's address is used).
  std::optional<std::string> email;
  // The SHA-256 of the secret in this party's invitation link, until it is used (the
  // service's; the link carries the case's id and the secret).
  std::optional<std::string> invite_hash;
  bool operator==(const Party &) const = default;
};

// A mediator put forward by a party: chosen once every party agrees and they declared no
// conflict of interest (Art. 10); one who declared a conflict stays listed but out.
struct MediatorChoice {
  std::string mediator_id; // the user id the mediator signs in with
  bool is_public = false;  // a public mediator works free (Art. 22)
  // The register's record as it was when proposed: the documents name the mediator and
  // their organisation (Art. 21 p.2, Art. 27) even if the register changes later.
  std::string register_id;
  std::string name;
  std::string keeper;
  std::string proposed_by;
  std::set<std::string> agreed_by; // party ids
  Declaration declaration = Declaration::pending;
  std::optional<Time> declared_at;
  std::string conflict_note;
  bool operator==(const MediatorChoice &) const = default;
};

// Art. 22: free, or an amount in tiyn shared equally unless `shares_percent` says otherwise.
struct Fee {
  FeeKind kind = FeeKind::free;
  std::int64_t amount_tiyn = 0;
  std::map<std::string, int> shares_percent; // party id → percent; empty: equal
  bool operator==(const Fee &) const = default;
};

// A signature made with an X.509 certificate (ЭЦП, Art. 18 p.3): the detached CMS the signer
// sent, as the service verified it over the document's bytes.
struct CertificateSignature {
  std::string subject; // the certificate's subject, as read
  std::string serial;  // the certificate's serial number, hex
  std::string algorithm;
  std::string cms_base64; // the CMS (PKCS #7) structure itself, DER in base64
  bool operator==(const CertificateSignature &) const = default;
};

// An acceptance of the contract or a signature of the settlement: it binds one version of
// the document, named by its number and the SHA-256 the service computed over its PDF.
struct Signature {
  std::string by; // a party's id, or a mediator's
  int version = 0;
  std::string document_hash;
  Time at{};
  std::optional<CertificateSignature> certificate; // none: an authenticated acceptance
  bool operator==(const Signature &) const = default;
};

struct Contract {  // Art. 21
  int version = 0; // 0: not drafted yet
  std::string document_hash;
  Fee fee;
  std::vector<Signature> acceptances; // of `version` only
  // The terms the parties write themselves; the rest of Art. 21 p.2 comes from the case.
  std::string place;     // where it is concluded ("online, Kelisim, Almaty")
  std::string procedure; // the procedure agreed beyond the Law's (may be empty)
  std::string drafted_by;
  Time drafted_at{};
  bool operator==(const Contract &) const = default;
};

// An extension of the term (Art. 23, Art. 20 p.9): asked for, agreed, then granted.
struct Extension {
  int days = 0;
  std::string requested_by;
  std::set<std::string> agreed_by; // parties, and the mediators out of court
  std::optional<Time> granted_at;
  bool court_notice = false; // a court case is pending: the parties' joint notice is due
  bool operator==(const Extension &) const = default;
};

// One obligation of the settlement, followed up once it is signed (Art. 27).
struct Obligation {
  std::string id;
  std::string owed_by; // a party's id
  std::string what;    // what is to be done
  std::string how;     // the way of performance (Art. 27)
  Time due{};
  std::optional<bool> performed; // as last marked
  std::string marked_by;
  std::optional<Time> marked_at;
  bool operator==(const Obligation &) const = default;
};

// One version of the settlement's text (Art. 27): what the parties write; the date, the
// parties, their representatives, the subject and the mediators come from the case.
struct SettlementVersion {
  int number = 0; // 1, 2, …
  std::string document_hash;
  std::string by;
  Time at{};
  std::string place;
  std::string terms;        // what the parties agreed, beyond the obligations
  std::string consequences; // of not performing (Art. 27)
  std::vector<Obligation> obligations;
  bool operator==(const SettlementVersion &) const = default;
};

struct Settlement { // Art. 27
  std::vector<SettlementVersion> versions;
  std::vector<Obligation> obligations; // the latest version's
  std::vector<Signature> signatures;   // of the latest version only
  bool operator==(const Settlement &) const = default;
};

// Art. 25: a threat to a child's life, health or rights, recorded by a mediator. The only
// thing that lifts confidentiality (Art. 8): the service tells the guardianship body.
struct ChildThreat {
  std::string by;
  Time at{};
  std::string note;
  bool operator==(const ChildThreat &) const = default;
};

struct Ending {
  EndGround ground = EndGround::party_refused;
  std::optional<std::string> by; // who ended it; none when the clock did
  Time at{};
  std::string detail; // the screening ground's key, a mediator's reason
  bool operator==(const Ending &) const = default;
};

// A notice of termination issued at a party's request (Art. 26 p.2).
struct Notice {
  std::string requested_by;
  Time at{};
  bool operator==(const Notice &) const = default;
};

struct Case {
  std::string id;
  Source source = Source::party;
  std::optional<std::string> ticket_id; // the consultation it came from
  std::string opened_by;
  Time opened_at{};
  std::vector<Party> parties; // at least two
  std::string subject;
  std::string category; // a question category ("family", "civil", …)
  std::string language; // of the mediation (Art. 21 p.2): "kk", "ru", …
  std::string region;   // ISO 3166-2:KZ code, for the figures; may be empty
  bool court_case_pending = false;

  CaseStage stage = CaseStage::screening;
  std::optional<Time> invited_at;
  std::optional<int> answer_days; // the invitation's own term; none: 10 days
  std::vector<MediatorChoice> mediators;
  Contract contract;
  std::optional<Time> started_at; // the day the contract was concluded (Art. 20 p.5)
  int term_days = 0;              // 30, plus the extensions granted
  std::optional<Extension> pending_extension;
  std::vector<Extension> extensions; // granted
  Settlement settlement;
  std::vector<ChildThreat> child_threats;
  std::optional<Ending> ending;
  std::vector<Notice> notices;
  // The reminders mailed already, each by a stable key ("invitation:2", "term:5",
  // "obligation:<id>:due"…), so that none goes twice.
  std::set<std::string> reminders_sent;
  bool operator==(const Case &) const = default;
};

// The party `actor` acts for: the party itself or one of its representatives.
const Party *partyOf(const Case &c, const std::string &actor);
// The choice naming `mediator_id`, if any.
const MediatorChoice *choiceOf(const Case &c, const std::string &mediator_id);
// Whether `actor` is one of the case's chosen mediators (agreed by all, no conflict).
bool isChosenMediator(const Case &c, const std::string &actor);
// The chosen mediators, in the order proposed.
std::vector<const MediatorChoice *> chosenMediators(const Case &c);
// Whether a choice is complete: every party agreed and the mediator declared no conflict.
bool isChosen(const Case &c, const MediatorChoice &m);

} // namespace kelisim::core::mediation
