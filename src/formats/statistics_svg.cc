// Forensics charts as standalone SVG (statistics_svg.h).
#include "saylau/formats/statistics_svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace saylau::formats {
namespace {

std::string Escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Open(int width, int height, const std::string& title) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"sans-serif\" font-size=\"11\">\n<title>{2}</title>\n<rect width=\"{0}\" height=\"{1}\" "
      "fill=\"#fff\"/>\n"
      "<text x=\"10\" y=\"16\" font-size=\"13\" font-weight=\"bold\">{2}</text>\n",
      width, height, Escaped(title));
}

// Characters (not bytes) of UTF-8 text, for the width of a label.
int Characters(const std::string& text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// A sequential colour scale (viridis at five stops, interpolated) for level 0 ... 1.
std::string Colour(double level) {
  static constexpr std::array<std::array<int, 3>, 5> kStops = {
      {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}}};
  const double at = std::clamp(level, 0.0, 1.0) * (kStops.size() - 1);
  const auto i = std::min<std::size_t>(static_cast<std::size_t>(at), kStops.size() - 2);
  const double f = at - i;
  int rgb[3];
  for (int c = 0; c < 3; ++c)
    rgb[c] = static_cast<int>(std::lround(kStops[i][c] + f * (kStops[i + 1][c] - kStops[i][c])));
  return fmt::format("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
}

std::string Grouped(std::int64_t value) {
  std::string digits = std::to_string(value), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

const char* WeightName(stats::PlotWeight weight) {
  return weight == stats::PlotWeight::kVoters ? "voters" : "stations";
}

// How the options defined the figures, for a plot's footnote.
std::string Definitions(const stats::ForensicsReport& report) {
  const stats::ForensicsOptions& o = report.options;
  std::string text = fmt::format("{}{}turnout = {} / registered; result = {} / {}",
                                 o.preset.empty() ? "" : "preset " + o.preset, o.preset.empty() ? "" : ": ",
                                 stats::NameOf(o.turnout_base), report.leader, stats::ShareBaseName(o.share_base));
  return Escaped(text);
}

// How many stations the tests kept and left out.
std::string Kept(const stats::ForensicsReport& report) {
  std::string text = fmt::format("{} stations kept", Grouped(report.stations));
  if (report.left_out.total() > 0) text += fmt::format(", {} left out", Grouped(report.left_out.total()));
  return Escaped(text);
}

// One panel of stations (or voters) in 0.1 % steps, whole percents in red; the scale is the
// largest bar drawn (0.0 ... 99.9 %), not the 100 % bin, so whole-percent spikes show.
std::string TenthsPanel(const std::vector<std::int64_t>& tenths, int left, int top, int height,
                        const std::string& label) {
  std::string svg;
  std::int64_t most = 1;
  for (std::size_t i = 0; i < tenths.size() && i < 1000; ++i) most = std::max(most, tenths[i]);
  for (std::size_t i = 0; i < tenths.size() && i < 1000; ++i) {
    if (tenths[i] == 0) continue;
    const double h = static_cast<double>(height) * tenths[i] / most;
    svg += fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"1\" height=\"{:.1f}\" fill=\"{}\"/>\n", left + i,
                       top + height - h, h, i % 10 == 0 ? "#d62728" : "#1f77b4");
  }
  svg += fmt::format("<line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"#444\"/>\n", left, left + 1000,
                     top + height);
  for (int p = 0; p <= 100; p += 10) {
    svg +=
        fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}%</text>\n", left + p * 10, top + height + 13, p);
  }
  svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", left - 4, top + 8, Grouped(most));
  svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>\n", left - 4, top + height);
  svg += fmt::format("<text x=\"{}\" y=\"{}\" font-weight=\"bold\">{}</text>\n", left + 4, top + 10, Escaped(label));
  return svg;
}

std::string CountLine(const char* name, const stats::WholePercentCount& c) {
  return fmt::format("{}: {} observed, {:.1f} expected (sd {:.1f}), excess {:+.1f}, p = {:.3g}", name,
                     Grouped(c.observed), c.expected, c.sd, c.excess, c.p_value);
}

}  // namespace

std::string FingerprintSvg(const stats::ForensicsReport& report) {
  return FingerprintSvg(report, report.options.weight);
}

std::string FingerprintSvg(const stats::ForensicsReport& report, stats::PlotWeight weight) {
  const int kBins = stats::Fingerprint::kBins, cell = 5, left = 50, top = 44, bar_left = left + kBins * cell + 30;
  const std::vector<std::int64_t>& cells =
      weight == stats::PlotWeight::kVoters ? report.fingerprint.voters : report.fingerprint.stations;
  std::string svg =
      Open(bar_left + 150, top + kBins * cell + 90,
           fmt::format("Election fingerprint by {}: turnout and {} result", WeightName(weight), report.leader));
  // The scale runs from the emptiest non-empty cell (1 station; a few voters) to the fullest.
  std::int64_t most = 1, least = 0;
  for (std::int64_t v : cells) {
    most = std::max(most, v);
    if (v > 0) least = least == 0 ? v : std::min(least, v);
  }
  least = std::max<std::int64_t>(least, 1);
  const double log_least = std::log10(static_cast<double>(least)),
               span = std::log10(static_cast<double>(most)) - log_least;
  const auto level = [&](double v) { return span > 0 ? (std::log10(v) - log_least) / span : 1.0; };
  // cells: row = turnout percent, column = the leader's percent
  for (int t = 0; t < kBins && !cells.empty(); ++t) {
    for (int l = 0; l < kBins; ++l) {
      const std::int64_t v = cells[t * kBins + l];
      if (v == 0) continue;
      svg += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>turnout {}%, result {}%: {} "
          "{}</title></rect>\n",
          left + t * cell, top + (kBins - 1 - l) * cell, cell, cell, Colour(level(static_cast<double>(v))), t, l, v,
          WeightName(weight));
    }
  }
  svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#888\"/>\n", left, top,
                     kBins * cell, kBins * cell);
  for (int p = 0; p <= 100; p += 10) {
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}%</text>\n", left + p * cell,
                       top + kBins * cell + 14, p);
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}%</text>\n", left - 4,
                       top + (kBins - p) * cell + 4, p);
  }
  svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">turnout</text>\n", left + kBins * cell / 2,
                     top + kBins * cell + 28);
  svg += fmt::format(
      "<text x=\"12\" y=\"{0}\" text-anchor=\"middle\" transform=\"rotate(-90 12 {0})\">{1} result</text>\n",
      top + kBins * cell / 2, Escaped(report.leader));
  // The colour bar: the same logarithmic scale, ticks at powers of ten.
  const int bar_height = kBins * cell, steps = 100;
  for (int s = 0; s < steps; ++s) {
    svg += fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"16\" height=\"{:.1f}\" fill=\"{}\"/>\n", bar_left,
                       top + bar_height - (s + 1) * bar_height / double(steps), bar_height / double(steps) + 0.5,
                       Colour((s + 0.5) / steps));
  }
  svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"16\" height=\"{}\" fill=\"none\" stroke=\"#888\"/>\n", bar_left,
                     top, bar_height);
  for (double tick = std::pow(10.0, std::ceil(log_least)); tick <= static_cast<double>(most); tick *= 10) {
    const double y = top + bar_height - level(tick) * bar_height;
    svg += fmt::format("<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"#444\"/>\n", bar_left + 16,
                       bar_left + 20, y);
    svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\">{}</text>\n", bar_left + 23, y + 4,
                       Grouped(static_cast<std::int64_t>(tick)));
  }
  svg += fmt::format("<text x=\"{}\" y=\"{}\">max {}</text>\n", bar_left, top - 6, Grouped(most));
  svg += fmt::format("<text x=\"{}\" y=\"{}\">min {}</text>\n", bar_left + 24, top + bar_height, Grouped(least));
  svg += fmt::format("<text x=\"{}\" y=\"{}\">{} per</text>\n", bar_left, top + bar_height + 14, WeightName(weight));
  svg += fmt::format("<text x=\"{}\" y=\"{}\">1 % x 1 % cell</text>\n", bar_left, top + bar_height + 28);
  svg += fmt::format("<text x=\"{}\" y=\"{}\">(log scale)</text>\n", bar_left, top + bar_height + 42);
  svg += fmt::format(
      "<text x=\"{}\" y=\"{}\">{:.2f} % of ballots at stations with turnout and result both above 80 %</text>\n", left,
      top + kBins * cell + 46, 100 * report.fingerprint.high_high_voter_share);
  svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", left, top + kBins * cell + 62, Definitions(report));
  svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", left, top + kBins * cell + 78, Kept(report));
  return svg + "</svg>\n";
}

std::string IntegerPercentSvg(const stats::ForensicsReport& report) {
  return IntegerPercentSvg(report, report.options.weight);
}

std::string IntegerPercentSvg(const stats::ForensicsReport& report, stats::PlotWeight weight) {
  const stats::IntegerPercentTest& t = report.integer_percent;
  const bool voters = weight == stats::PlotWeight::kVoters;
  const int left = 70, top = 30, height = 200, gap = 40;
  std::string svg = Open(left + 1000 + 20, top + 2 * (height + gap) + 60,
                         fmt::format("{} by turnout and by {} result in 0.1 % steps (whole percents in red)",
                                     voters ? "Voters" : "Stations", report.leader));
  svg += TenthsPanel(voters ? t.turnout_tenths_voters : t.turnout_tenths, left, top, height, "turnout");
  svg += TenthsPanel(voters ? t.leader_tenths_voters : t.leader_tenths, left, top + height + gap, height,
                     report.leader + " result");
  const int y = top + 2 * (height + gap) - 10;
  svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", left, y, CountLine("whole-percent turnout", t.turnout));
  svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", left, y + 14, CountLine("whole-percent result", t.result));
  svg += fmt::format("<text x=\"{}\" y=\"{}\">{}; null exact (binomial at each station)</text>\n", left, y + 28,
                     CountLine("either", t.either));
  svg += fmt::format("<text x=\"{}\" y=\"{}\">{}; {}</text>\n", left, y + 42, Definitions(report), Kept(report));
  return svg + "</svg>\n";
}

std::string LastDigitSvg(const stats::ForensicsReport& report) {
  const stats::LastDigitTest& d = report.last_digit;
  const int left = 50, top = 30, bar = 40, height = 200;
  std::string svg =
      Open(left + 10 * bar + 40, top + height + 50, "Last digits of vote counts (bars) and expected (line)");
  double most = 1;
  for (int i = 0; i < 10; ++i) most = std::max({most, static_cast<double>(d.counts[i]), d.expected[i]});
  std::string line;
  for (int i = 0; i < 10; ++i) {
    const double h = height * d.counts[i] / most, e = height * d.expected[i] / most;
    svg += fmt::format(
        "<rect x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\" fill=\"#1f77b4\"><title>{}: {}</title></rect>\n",
        left + i * bar + 4, top + height - h, bar - 8, h, i, d.counts[i]);
    line += fmt::format("{}{},{:.1f}", i ? " " : "", left + i * bar + bar / 2, top + height - e);
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", left + i * bar + bar / 2,
                       top + height + 14, i);
  }
  svg += "<polyline fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\" points=\"" + line + "\"/>\n";
  svg += fmt::format("<text x=\"{}\" y=\"{}\">chi-squared {:.1f} (9 df), p = {:.3g}, {} counts</text>\n", left,
                     top + height + 34, d.chi_squared, d.p_value, d.used);
  return svg + "</svg>\n";
}

std::string RegionTurnoutSvg(const stats::ForensicsReport& report) {
  int longest = 0;
  for (const stats::RegionTurnout& r : report.regions) longest = std::max(longest, Characters(r.name));
  const int left = 20 + std::clamp(longest, 8, 60) * 6, top = 30, row = 18, width = 500;
  const int height = static_cast<int>(report.regions.size()) * row;
  std::string svg = Open(left + width + 30, top + height + 30, "Turnout by region: 10th-90th percentile and median");
  for (std::size_t i = 0; i < report.regions.size(); ++i) {
    const stats::RegionTurnout& r = report.regions[i];
    const int y = top + static_cast<int>(i) * row + row / 2;
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", left - 6, y + 4, Escaped(r.name));
    svg +=
        fmt::format("<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{}\" y2=\"{}\" stroke=\"#1f77b4\" stroke-width=\"6\"/>\n",
                    left + r.p10 * width / 100, left + r.p90 * width / 100, y, y);
    svg += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{}\" r=\"4\" fill=\"#d62728\"><title>{}: median {:.1f} % ({} stations)</title>"
        "</circle>\n",
        left + r.median * width / 100, y, Escaped(r.name), r.median, r.stations);
  }
  for (int p = 0; p <= 100; p += 20) {
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}%</text>\n", left + p * width / 100,
                       top + height + 16, p);
  }
  return svg + "</svg>\n";
}

}  // namespace saylau::formats
