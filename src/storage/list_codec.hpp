// How the stores keep short lists in one text column, shared by both backends so they agree to
// the byte: kinds, languages, categories, channels and holidays as comma-separated words;
// weekly hours as "weekday:from-to" items ("1:540-1080,2:540-1080"). Decoding skips what it
// cannot read rather than failing: the columns are only ever written by these encoders.
#pragma once

#include "core/model.hpp"
#include "core/reception/model.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kelisim::storage {

std::string encodeWords(const std::vector<std::string> &words);
std::vector<std::string> decodeWords(std::string_view text);
std::string encodeKinds(const std::vector<core::SpecialistKind> &kinds);
std::vector<core::SpecialistKind> decodeKinds(std::string_view text);
std::string encodeLanguages(const std::vector<core::Language> &languages);
std::vector<core::Language> decodeLanguages(std::string_view text);
std::string encodeChannels(const std::vector<core::reception::Channel> &channels);
std::vector<core::reception::Channel> decodeChannels(std::string_view text);
std::string encodeHours(const std::vector<core::reception::WeeklyHours> &hours);
std::vector<core::reception::WeeklyHours> decodeHours(std::string_view text);
// A consultation's call record summed up by the consultations query (both backends):
// "started,seconds,fallbacks,callbacks,relayed" (counts, and the calls' seconds in all), or
// empty when the room has none; sets the record's call fields.
void decodeCallSummary(std::string_view text, core::reception::ConsultationRecord &record);
// A mail's parameters: "key=value" items, each ended by a line feed, with "\\", "\n" and
// "\=" escaped in both key and value.
std::string encodeParams(const std::map<std::string, std::string> &params);
std::map<std::string, std::string> decodeParams(std::string_view text);

} // namespace kelisim::storage
