package io.corpusforge.jobs.generate.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.clean.PiiMasker;
import io.corpusforge.jobs.generate.check.CopyChecks;
import io.corpusforge.jobs.generate.check.ExtremeWords;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyFinisherTest {
  private final CopyChecks checks = new CopyChecks(new ExtremeWords(List.of("最", "顶级"), List.of("最近")),
      new PiiMasker(List.of(PiiMasker.Type.values())), 4, 0.5, 20);

  private CopyFinisher finisher(CopySpec spec, CopyChecks.Policy policy) {
    return new CopyFinisher(spec, checks, policy);
  }

  @Test
  void titleTakesFirstLineWithoutQuotesAndIsCut() {
    CopySpec title = new CopySpec("title", CopySpec.Shape.LINE, 2, 8, 1, 1, CopySpec.LengthPolicy.CUT);
    CopyFinisher f = finisher(title, CopyChecks.Policy.FLAG);
    CopyFinisher.Draft d = f.draft("  “宽松牛仔裤。”\n多余的第二行");
    assertEquals("宽松牛仔裤", d.text());
    assertEquals(List.of(), d.lengthProblems());
    CopyFinisher.Draft longOne = f.draft("高腰宽松阔腿牛仔裤女，春季新款");
    assertEquals(List.of("too-long"), longOne.lengthProblems());
    assertFalse(f.wantsRegeneration(longOne));
    assertEquals(new CopyFinisher.Final("高腰宽松阔腿牛仔", List.of("cut:hard")), f.finish(longOne, false));
  }

  @Test
  void sellingPointsAreItemsWithoutBullets() {
    CopySpec points = new CopySpec("selling-points", CopySpec.Shape.LIST, 2, 12, 3, 4, CopySpec.LengthPolicy.CUT);
    CopyFinisher f = finisher(points, CopyChecks.Policy.FLAG);
    CopyFinisher.Draft d = f.draft("- 面料柔软\n2. 版型宽松显瘦\n• 面料柔软\n① 百搭\n（5）四季可穿\n卖点6：耐洗耐穿");
    assertEquals(List.of("面料柔软", "版型宽松显瘦", "百搭", "四季可穿", "耐洗耐穿"), d.items());
    assertEquals(List.of("too-many-items"), d.lengthProblems());
    CopyFinisher.Final out = f.finish(d, false);
    assertEquals("面料柔软\n版型宽松显瘦\n百搭\n四季可穿", out.text());
    assertEquals(List.of("items-dropped"), out.flags());
    assertEquals(List.of("too-few-items"), f.finish(f.draft("- 只有一条卖点"), false).flags());
  }

  @Test
  void regenerationOnlyWhenAPolicySaysSo() {
    CopySpec script = new CopySpec("live-script", CopySpec.Shape.TEXT, 10, 40, 1, 1, CopySpec.LengthPolicy.REGENERATE);
    CopyFinisher f = finisher(script, CopyChecks.Policy.FLAG);
    assertTrue(f.wantsRegeneration(f.draft("太短了")));
    assertFalse(f.wantsRegeneration(f.draft("这是一段长度刚好合适的直播口播稿，顶级好物。")));
    CopyFinisher.Final still = f.finish(f.draft("太短了"), true);
    assertEquals(List.of("regenerated", "too-short"), still.flags());

    CopySpec cut = new CopySpec("live-script", CopySpec.Shape.TEXT, 1, 40, 1, 1, CopySpec.LengthPolicy.CUT);
    assertTrue(finisher(cut, CopyChecks.Policy.REGENERATE).wantsRegeneration(finisher(cut, CopyChecks.Policy.REGENERATE)
        .draft("顶级好物")));
    assertEquals(List.of("empty"), finisher(cut, CopyChecks.Policy.FLAG).draft("  ").checkFlags());
  }

  @Test
  void redactPolicyRemovesExtremeWordsAndMasksPii() {
    CopySpec text = new CopySpec("live-script", CopySpec.Shape.TEXT, 1, 80, 1, 1, CopySpec.LengthPolicy.CUT);
    CopyFinisher f = finisher(text, CopyChecks.Policy.REDACT);
    CopyFinisher.Final out = f.finish(f.draft("最近上新的顶级好物，最划算！电话13812345678"), false);
    assertEquals("最近上新的好物，划算！电话<PHONE>", out.text());
    assertEquals(List.of("extreme-word:顶级", "extreme-word:最", "pii:PHONE", "redacted"), out.flags());
  }

  @Test
  void sentenceBoundaryCutForScripts() {
    CopySpec text = new CopySpec("live-script", CopySpec.Shape.TEXT, 1, 12, 1, 1, CopySpec.LengthPolicy.CUT);
    CopyFinisher f = finisher(text, CopyChecks.Policy.FLAG);
    assertEquals(new CopyFinisher.Final("家人们看过来！这款好。", List.of("cut:sentence")),
        f.finish(f.draft("家人们看过来！这款好。快下单吧朋友们"), false));
  }

  @Test
  void seedsDependOnEveryPart() {
    long s = Seeds.of("id1", "title", "h", "p", 0);
    assertEquals(s, Seeds.of("id1", "title", "h", "p", 0));
    assertTrue(s >= 0);
    for (long other : new long[] {Seeds.of("id2", "title", "h", "p", 0), Seeds.of("id1", "script", "h", "p", 0),
        Seeds.of("id1", "title", "h2", "p", 0), Seeds.of("id1", "title", "h", "p2", 0),
        Seeds.of("id1", "title", "h", "p", 1)}) {
      assertTrue(other != s);
    }
  }
}
