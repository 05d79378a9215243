#include "saylau/formats/statistics_svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace saylau::formats {
namespace {

std::string Open(int width, int height, const std::string& title) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"sans-serif\" font-size=\"11\">\n<title>{2}</title>\n<rect width=\"{0}\" height=\"{1}\" "
      "fill=\"#fff\"/>\n"
      "<text x=\"10\" y=\"16\" font-size=\"13\" font-weight=\"bold\">{2}</text>\n",
      width, height, title);
}

}  // namespace

std::string FingerprintSvg(const stats::ForensicsReport& report) {
  const int kBins = stats::Fingerprint::kBins, cell = 5, left = 50, top = 30;
  std::string svg = Open(left + kBins * cell + 20, top + kBins * cell + 40,
                         "Election fingerprint: stations by turnout (up) and " + report.leader + " share (right)");
  std::int64_t most = 1;
  for (std::int64_t v : report.fingerprint.stations) most = std::max(most, v);
  for (int t = 0; t < kBins; ++t) {
    for (int l = 0; l < kBins; ++l) {
      const std::int64_t v = report.fingerprint.stations[t * kBins + l];
      if (v == 0) continue;
      const double level = std::log1p(static_cast<double>(v)) / std::log1p(static_cast<double>(most));
      const int shade = static_cast<int>(255 - 235 * level);
      svg += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"rgb({},{},255)\"><title>turnout {}%, "
          "share {}%: {} stations</title></rect>\n",
          left + l * cell, top + (kBins - 1 - t) * cell, cell, cell, shade, shade, t, l, v);
    }
  }
  svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#888\"/>\n", left, top,
                     kBins * cell, kBins * cell);
  for (int p = 0; p <= 100; p += 20) {
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}%</text>\n", left + p * cell,
                       top + kBins * cell + 14, p);
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}%</text>\n", left - 4,
                       top + (kBins - p) * cell + 4, p);
  }
  svg += fmt::format(
      "<text x=\"{}\" y=\"{}\">{:.2f} % of ballots at stations with turnout and share both above 80 %</text>\n", left,
      top + kBins * cell + 32, 100 * report.fingerprint.high_high_voter_share);
  return svg + "</svg>\n";
}

std::string IntegerPercentSvg(const stats::ForensicsReport& report) {
  const auto& tenths = report.integer_percent.turnout_tenths;
  const int left = 50, top = 30, width = 1000, height = 220;
  std::string svg =
      Open(left + width + 20, top + height + 50, "Stations by turnout in 0.1 % steps (whole percents in red)");
  std::int64_t most = 1;
  for (std::int64_t v : tenths) most = std::max(most, v);
  for (std::size_t i = 0; i < tenths.size() && i < 1000; ++i) {
    if (tenths[i] == 0) continue;
    const double h = static_cast<double>(height) * tenths[i] / most;
    svg += fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"1\" height=\"{:.1f}\" fill=\"{}\"/>\n", left + i,
                       top + height - h, h, i % 10 == 0 ? "#d62728" : "#1f77b4");
  }
  for (int p = 0; p <= 100; p += 10) {
    svg +=
        fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}%</text>\n", left + p * 10, top + height + 14, p);
  }
  const stats::IntegerPercentTest& t = report.integer_percent;
  svg += fmt::format(
      "<text x=\"{}\" y=\"{}\">whole-percent turnout: {} observed, {:.0f} expected (p = {:.3g}); leader share: {} "
      "observed, "
      "{:.0f} expected (p = {:.3g}); {} simulations</text>\n",
      left, top + height + 34, t.turnout_observed, t.turnout_expected, t.turnout_p, t.leader_observed,
      t.leader_expected, t.leader_p, t.simulations);
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
  const int left = 160, top = 30, row = 18, width = 500;
  const int height = static_cast<int>(report.regions.size()) * row;
  std::string svg = Open(left + width + 30, top + height + 30, "Turnout by region: 10th-90th percentile and median");
  for (std::size_t i = 0; i < report.regions.size(); ++i) {
    const stats::RegionTurnout& r = report.regions[i];
    const int y = top + static_cast<int>(i) * row + row / 2;
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", left - 6, y + 4, r.region);
    svg +=
        fmt::format("<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{}\" y2=\"{}\" stroke=\"#1f77b4\" stroke-width=\"6\"/>\n",
                    left + r.p10 * width / 100, left + r.p90 * width / 100, y, y);
    svg += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{}\" r=\"4\" fill=\"#d62728\"><title>{}: median {:.1f} %</title></circle>\n",
        left + r.median * width / 100, y, r.region, r.median);
  }
  for (int p = 0; p <= 100; p += 20) {
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}%</text>\n", left + p * width / 100,
                       top + height + 16, p);
  }
  return svg + "</svg>\n";
}

}  // namespace saylau::formats
