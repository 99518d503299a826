// Routing decision time: one free specialist, n waiting tickets (DESIGN.md target: under
// 20 µs at n = 10,000, growing no faster than log n). Tickets are spread over kinds,
// languages, categories and regions as at a real reception.
//   cmake --preset release && cmake --build build/release --target routing_bench
//   build/release/routing_bench
#include "core/reception/routing.hpp"

#include <benchmark/benchmark.h>

#include <random>

using namespace kelisim::core;
using namespace kelisim::core::reception;

namespace {
RoutingQueue makeQueue(std::size_t n) {
  std::mt19937 rng(7);
  const char *categories[] = {"family", "civil", "labour", "housing", "health", "consumer"};
  const char *regions[] = {"KZ-27", "KZ-71", "KZ-75", "KZ-79", "KZ-35"};
  RoutingQueue q;
  const Time t0 = fromMillis(1'764'000'000'000);
  for (std::size_t i = 0; i < n; ++i) {
    TicketNeeds t;
    t.id = "t" + std::to_string(i);
    t.kinds = {kAllKinds[rng() % 7]};
    if (rng() % 5 == 0) t.kinds.push_back(SpecialistKind::psychologist);
    t.language = Language(rng() % 2);
    t.category = categories[rng() % 6];
    t.region = regions[rng() % 5];
    t.priority = rng() % 20 == 0 ? 1 : 0;
    t.arrived = t0 + std::chrono::milliseconds(rng() % 3'600'000);
    q.add(t);
  }
  return q;
}

void BM_NextTicketForFreeSpecialist(benchmark::State &state) {
  const auto q = makeQueue(static_cast<std::size_t>(state.range(0)));
  SpecialistState s;
  s.id = "lawyer";
  s.kinds = {SpecialistKind::lawyer, SpecialistKind::mediator};
  s.languages = {Language::kk, Language::ru};
  s.categories = {"labour", "housing"};
  s.region = "KZ-27";
  s.on_duty = true;
  for (auto _ : state) benchmark::DoNotOptimize(q.nextFor(s));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_NextTicketForFreeSpecialist)->RangeMultiplier(10)->Range(100, 100'000)->Complexity();

void BM_AddAndServeOne(benchmark::State &state) {
  auto q = makeQueue(static_cast<std::size_t>(state.range(0)));
  TicketNeeds t;
  t.id = "new";
  t.kinds = {SpecialistKind::doctor};
  t.category = "health";
  t.arrived = fromMillis(1'764'000'000'000);
  for (auto _ : state) {
    q.add(t);
    q.kindJoined("new", SpecialistKind::doctor);
  }
}
BENCHMARK(BM_AddAndServeOne)->Arg(10'000);
} // namespace

BENCHMARK_MAIN();
