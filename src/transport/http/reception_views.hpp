// How the records of a reception look in the API (see docs/reception-api.md): receptions,
// shifts, tickets with their live place, rooms, messages, desks, boards and figures. Used by
// the HTTP routes and by the WebSocket events alike, so both always agree.
#pragma once

#include "app/reception/queue_service.hpp"
#include "app/reception/reception_service.hpp"
#include "app/reception/room_service.hpp"
#include "core/reception/figures.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace kelisim::transport {

namespace rc = core::reception;
namespace ar = app::reception;

boost::json::object receptionJson(const ar::ReceptionInfo &info);
boost::json::object shiftJson(const rc::DutyShift &shift, const std::string &display_name);
boost::json::object ticketJson(const ar::TicketView &view);
boost::json::object roomJson(const ar::RoomView &view);
boost::json::object roomBriefJson(const rc::Room &room);
boost::json::object messageJson(const ar::MessageView &view);
boost::json::object attachmentJson(const rc::Attachment &a);
boost::json::object noteJson(const rc::Note &note);
boost::json::object offerJson(const ar::OfferView &offer);
boost::json::object deskJson(const ar::DeskView &desk);
boost::json::object boardJson(const ar::Board &board);
boost::json::object figuresJson(const rc::Figures &figures);
// The same shape, a withheld count (1–4) as null.
boost::json::object figuresJson(const rc::PublicFigures &figures);
boost::json::object feedbackJson(const rc::Feedback &feedback);
// The `next` of a page of comments, "<unix ms>.<ticket id>", and back (nullopt if malformed).
std::string commentCursorText(const rc::Feedback &last);
std::optional<core::Store::FeedbackCursor> commentCursor(std::string_view text);

boost::json::array kindsJson(const std::vector<core::SpecialistKind> &kinds);
std::string_view toString(rc::ReceptionStatus status);

} // namespace kelisim::transport
