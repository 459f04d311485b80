// CSV import: all rows or none, errors named by file, line and column, or the good
// rows with a rejects file; English and Chinese headers.
#include "ledger/importer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/testing/fund_fixture.h"
#include "tests/testing/sample_events.h"

namespace huzhu {
namespace {

using testing::D;

class ImporterTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_.Sub(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  Result<ImportReport> Import(ImportKind kind, const std::string& path, bool skip = false) {
    ImportOptions o;
    o.skip_invalid = skip;
    o.date = D("2016-01-01");
    Role role = kind == ImportKind::kContributions ? Role::kFinance : Role::kAdmin;
    return ImportCsv(f_.fund(), CommandContext{Actor{"user1", role}, "import-" + path}, kind, path, o);
  }
  std::string Id(int year, Gender g, int serial) { return testing::FakeIdNumber(year, 1, 1, g, serial); }
  std::string MembersCsv(const std::string& header) {
    return header + "\n" + "M1,U1,张伟," + Id(1980, Gender::kMale, 1) + ",6222000011112222\n" +
           "M2,U1,李娜," + Id(1982, Gender::kFemale, 2) + ",6222000011113333\n";
  }
  testing::TempDir dir_;
  testing::FundFixture f_;
};

TEST_F(ImporterTest, ChineseAndEnglishHeadersImportTheSame) {
  auto zh = Import(ImportKind::kMembers, Write("zh.csv", "\xEF\xBB\xBF" + MembersCsv("会员编号,单位编号,姓名,身份证号,银行账号")));
  ASSERT_TRUE(zh.ok()) << zh.status().ToString();
  EXPECT_EQ(zh->imported, 2u);
  EXPECT_TRUE(f_.fund().state().Member("M2")->has_value());
  testing::FundFixture other;
  ImportOptions o;
  o.date = D("2016-01-01");
  auto en = ImportCsv(other.fund(), CommandContext{Actor{"adm1", Role::kAdmin}, "k"}, ImportKind::kMembers,
                      Write("en.csv", MembersCsv("member_id,unit_id,name,id_number,bank_account")), o);
  ASSERT_TRUE(en.ok()) << en.status().ToString();
  EXPECT_EQ(en->imported, 2u);
}

TEST_F(ImporterTest, UnitsImportWithTheirStaffAndBadRowsAreNamed) {
  uint64_t head = f_.fund().store().head().seq;
  std::string bad = Write("bad-units.csv", "单位编号,单位名称,职工人数,女职工人数\n"
                                           "U7,第七单位,120,40\n"
                                           "U8,第八单位,many,0\n"
                                           "U1,重复单位,10,0\n"
                                           "U9,第九单位,10,11\n");
  auto refused = Import(ImportKind::kUnits, bad);
  ASSERT_FALSE(refused.ok());
  const std::string& m = refused.status().message();
  EXPECT_NE(m.find("3 bad row(s), nothing imported"), std::string::npos) << m;
  EXPECT_NE(m.find(bad + ", line 3, column staff_count (职工人数)"), std::string::npos) << m;
  EXPECT_NE(m.find(bad + ", line 4: rule violation [DUPLICATE_ID]: unit_registered: unit U1 exists already"), std::string::npos) << m;
  EXPECT_NE(m.find(bad + ", line 5: invalid argument: unit U9 has more female staff than staff"), std::string::npos) << m;
  EXPECT_EQ(f_.fund().store().head().seq, head);

  auto ok = Import(ImportKind::kUnits, Write("units.csv", "unit_id,name,staff_count\nU7,第七单位,120\nU8,第八单位,30\n"));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->imported, 2u);
  auto unit = f_.fund().state().Unit("U7");
  ASSERT_TRUE(unit.ok() && unit->has_value());
  EXPECT_EQ((*unit)->staff_count, 120u);
  EXPECT_EQ((*unit)->female_staff_count, 0u);
}

TEST_F(ImporterTest, OneBadRowRefusesTheWholeFileNamingLineAndColumn) {
  uint64_t head = f_.fund().store().head().seq;
  std::string csv = "contribution_id,unit_id,plan,amount_yuan,date\n"
                    "C1,U1,INPATIENT,1800.00,2016-01-05\n"
                    "C2,U1,INPATIENT,18.005,2016-01-05\n"
                    "C3,U9,INPATIENT,10.00,2016-01-05\n"
                    "C4,U1,INPATIENT,10.00,2016-02-30\n";
  std::string path = Write("contributions.csv", csv);
  auto out = Import(ImportKind::kContributions, path);
  ASSERT_FALSE(out.ok());
  const std::string& m = out.status().message();
  EXPECT_NE(m.find("3 bad row(s), nothing imported"), std::string::npos) << m;
  EXPECT_NE(m.find(path + ", line 3, column amount_yuan (金额)"), std::string::npos) << m;
  EXPECT_NE(m.find(path + ", line 4: not found: contribution_received: unit U9 does not exist"), std::string::npos) << m;
  EXPECT_NE(m.find(path + ", line 5, column date (缴费日期)"), std::string::npos) << m;
  EXPECT_EQ(f_.fund().store().head().seq, head);
  EXPECT_EQ(f_.bank(), 0);
}

TEST_F(ImporterTest, SkipInvalidImportsGoodRowsAndWritesRejects) {
  std::string csv = "contribution_id,unit_id,plan,amount_yuan,date\n"
                    "C1,U1,INPATIENT,1800.00,2016-01-05\n"
                    "C2,U1,INPATIENT,abc,2016-01-05\n"
                    "C1,U1,INPATIENT,5.00,2016-01-05\n";
  std::string path = Write("c.csv", csv);
  auto out = Import(ImportKind::kContributions, path, /*skip=*/true);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->imported, 1u);
  EXPECT_EQ(out->errors.size(), 2u);
  EXPECT_EQ(f_.bank(), 180000);
  std::ifstream rejects(out->rejects_path);
  std::stringstream text;
  text << rejects.rdbuf();
  EXPECT_NE(text.str().find("3,\"amount_yuan\""), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("DUPLICATE_ID"), std::string::npos) << "the second C1 in the same file";
}

TEST_F(ImporterTest, ARoleThatMayNotRecordTheRowsIsRefusedOnce) {
  std::string path = Write("c.csv", "contribution_id,unit_id,plan,amount_yuan,date\nC1,U1,INPATIENT,1.00,2016-01-05\n");
  auto out = ImportCsv(f_.fund(), CommandContext{Actor{"adm1", Role::kAdmin}, "x"}, ImportKind::kContributions,
                       path, ImportOptions{});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), Status::Code::kPermissionDenied);
  EXPECT_EQ(f_.bank(), 0);
}

TEST_F(ImporterTest, HeaderProblemsAreNamed) {
  auto missing = Import(ImportKind::kMembers, Write("m.csv", "member_id,name\nM1,x\n"));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("column id_number (身份证号): is missing from the header"),
            std::string::npos) << missing.status().message();
  auto unknown = Import(ImportKind::kMembers, Write("u.csv", MembersCsv("member_id,unit_id,name,id_number,bank_account,shoe_size")));
  EXPECT_NE(unknown.status().message().find("shoe_size"), std::string::npos);
}

TEST_F(ImporterTest, MalformedCsvAndNonUtf8AreNamedByLine) {
  auto quote = Import(ImportKind::kMembers, Write("q.csv", "member_id,unit_id\n\"M1,U1\n"));
  ASSERT_FALSE(quote.ok());
  EXPECT_NE(quote.status().message().find("never closed"), std::string::npos) << quote.status().message();
  auto gbk = Import(ImportKind::kMembers, Write("g.csv", "member_id,unit_id\n\xd5\xc5,U1\n"));
  ASSERT_FALSE(gbk.ok());
  EXPECT_NE(gbk.status().message().find("line 2: the text is not UTF-8"), std::string::npos)
      << gbk.status().message();
}

TEST_F(ImporterTest, EnrolmentsCheckParticipationOverTheWholeFile) {
  testing::FundFixture small(/*staff=*/40);
  for (int i = 1; i <= 3; ++i) small.AddMember("W" + std::to_string(i), Gender::kFemale, "1985-01-01");
  ImportOptions o;
  auto partial = ImportCsv(small.fund(), CommandContext{Actor{"adm1", Role::kAdmin}, "e1"}, ImportKind::kEnrolments,
                           Write("e1.csv", "unit_id,member_id,plan,shares,term_start\nU1,W1,FEMALE,1,2016-01-01\n"
                                           "U1,W2,FEMALE,1,2016-01-01\n"), o);
  ASSERT_FALSE(partial.ok());
  EXPECT_NE(partial.status().message().find("MIN_PARTICIPATION"), std::string::npos) << partial.status().message();
  auto all = ImportCsv(small.fund(), CommandContext{Actor{"adm1", Role::kAdmin}, "e2"}, ImportKind::kEnrolments,
                       Write("e2.csv", "单位编号,会员编号,保障计划,份数,起保日期,年限\nU1,W1,FEMALE,1,2016-01-01,2\n"
                                       "U1,W2,FEMALE,1,2016-01-01,2\nU1,W3,FEMALE,1,2016-01-01,2\n"), o);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->imported, 3u);
}

TEST_F(ImporterTest, ClaimsInOneFileSeeEachOther) {
  f_.AddMember("M1", Gender::kMale, "1980-05-17");
  f_.Enrol({"M1"}, "INPATIENT", "2016-01-01");
  std::string header = "claim_id,member_id,plan,benefit_kind,incident_date,filed_on,invoice_number,hospital,"
                       "admission_date,discharge_date,self_pay_yuan\n";
  std::string row = ",M1,INPATIENT,inpatient,2016-05-01,2016-05-10,INV-9,华西,2016-05-01,2016-05-03,3000.00\n";
  auto out = ImportCsv(f_.fund(), CommandContext{Actor{"clerk1", Role::kAdmin}, "c"}, ImportKind::kClaims,
                       Write("claims.csv", header + "CL1" + row + "CL2" + row), ImportOptions{});
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("line 3: rule violation [DUPLICATE_INVOICE]"), std::string::npos)
      << out.status().message();
}

}  // namespace
}  // namespace huzhu
