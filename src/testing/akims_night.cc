// GenerateAkimsNight: 360 rural akims by default, as CSV for saylau import-contests.
#include "saylau/testing/akims_night.h"

#include <cstdio>

namespace saylau::testing {
namespace {

std::string Two(int n) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d", n);
  return text;
}

}  // namespace

AkimsNight GenerateAkimsNight(int regions, int per_region) {
  AkimsNight night;
  night.definition =
      "[election]\nid = \"akims-night\"\ndate = 2023-03-19\n"
      "name = { kk = \"Ауыл әкімдерінің сайлауы\", ru = \"Выборы сельских акимов\", en = \"Rural akims' elections\" "
      "}\n\n"
      "[[bodies]]\nid = \"akims\"\nkind = \"akim\"\n"
      "name = { kk = \"Ауыл әкімдері\", ru = \"Сельские акимы\", en = \"Rural akims\" }\n\n"
      "[[units]]\nid = \"kz\"\nkind = \"country\"\nname = { kk = \"Қазақстан\", ru = \"Казахстан\", en = "
      "\"Kazakhstan\" }\n\n"
      "[[parties]]\nid = \"amanat\"\nname = \"AMANAT\"\nshort_name = \"AMANAT\"\ncolor = \"#1f77b4\"\n";
  night.contests = "id,body,kind,unit,name_kk,name_ru,name_en\n";
  night.candidates = "contest,id,name_kk,name_ru,name_en,party,gender\n";
  night.stations = "id,parent,registered_voters,settlement,name_en\n";
  night.protocols = "contest,unit,voters,received,issued,cancelled,found,valid,invalid,a,b\n";
  for (int r = 1; r <= regions; ++r) {
    const std::string region = "region-" + Two(r);
    night.definition += "\n[[units]]\nid = \"" + region + "\"\nparent = \"kz\"\nkind = \"region\"\nname = { kk = \"" +
                        Two(r) + " облыс\", ru = \"Область " + Two(r) + "\", en = \"Region " + Two(r) + "\" }\n";
    for (int d = 1; d <= per_region; ++d) {
      const std::string suffix = Two(r) + "-" + Two(d);
      const std::string district = "region-" + suffix, akim = "akim-" + suffix;
      night.definition += "\n[[units]]\nid = \"" + district + "\"\nparent = \"" + region +
                          "\"\nkind = \"settlement\"\nname = { kk = \"" + suffix +
                          " ауылдық округі\", ru = \"Сельский округ " + suffix + "\", en = \"Rural district " + suffix +
                          "\" }\n";
      night.contests +=
          akim + ",akims,plurality," + district + ",Әкім " + suffix + ",Аким " + suffix + ",Akim " + suffix + "\n";
      night.candidates += akim + ",a,Кандидат А,Кандидат А,Candidate A,amanat,f\n";
      night.candidates += akim + ",b,Кандидат Б,Кандидат Б,Candidate B,,m\n";
      const std::string station = "st-" + suffix;
      night.stations += station + "," + district + ",800,rural,Station " + suffix + "\n";
      if (d == per_region) {
        ++night.counting;  // no protocol yet
        continue;
      }
      const bool tie = d % 3 == 0;
      const int a = 300 + (r * 7 + d) % 50, b = tie ? a : a - 40;
      tie ? ++night.unresolved : ++night.elected;
      const int valid = a + b, invalid = 5, issued = valid + invalid;
      night.protocols += akim + "," + station + ",800,810," + std::to_string(issued) + "," +
                         std::to_string(810 - issued) + "," + std::to_string(issued) + "," + std::to_string(valid) +
                         "," + std::to_string(invalid) + "," + std::to_string(a) + "," + std::to_string(b) + "\n";
    }
  }
  return night;
}

}  // namespace saylau::testing
