package io.corpusforge.clean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.cli.PipelineConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line rules by shape, position, density and recurrence, with the thresholds of conf/clean.conf. */
class ShapeRulesTest {
  private static final com.typesafe.config.Config CLEAN = PipelineConfig.defaults().getConfig("clean");

  /** The rule of the default chain with this name. */
  static Rule rule(String name) {
    return CleanChainFactory.fromConfig(CLEAN).rules().stream().filter(r -> r.name().equals(name)).findFirst()
        .orElseThrow();
  }

  private static String edited(RuleResult r) {
    return assertInstanceOf(RuleResult.Edit.class, r).text();
  }

  private static String lines(String... lines) {
    return String.join("\n", lines);
  }

  private static final String BODY1 = "市交通局昨日发布消息，新开通的三条公交线路将于下周一起正式运营，沿途共设站点四十二个。";
  private static final String BODY2 = "据介绍，新线路主要服务城东新区的居民，早晚高峰发车间隔不超过八分钟。";

  @Test
  void edgeLinesGoButTheTitleAndTheHeadlineStay() {
    String page = lines("城东公交新线下周开通", "欢迎光临本站", "生活因你而精彩", "三条公交新线路下周一起运营", BODY1, BODY2,
        "我的账户", "城市生活网");
    assertEquals(lines("城东公交新线下周开通", "三条公交新线路下周一起运营", BODY1, BODY2), edited(rule("edge-lines").apply(page)));
  }

  @Test
  void edgeLinesKeepPagesWithoutProseForTheFilters() {
    assertEquals(RuleResult.KEEP, rule("edge-lines").apply(lines("首页", "新闻", "关于我们")));
  }

  @Test
  void headlineRunsRemoveRelatedListsAndStampedEntries() {
    String page = lines("城东公交新线下周开通", BODY1, BODY2, "相关新闻", "市区新增两处停车场 2023-05-02 10:21",
        "地铁五号线最新进展", "城西菜市场改造完成 358人气", "夜间公交延长运营时间");
    assertEquals(lines("城东公交新线下周开通", BODY1, BODY2), edited(rule("headline-runs").apply(page)));
  }

  @Test
  void aHeadlineRunAboveProseKeepsItsLastLineAsTheHeading() {
    String page = lines("城市生活网", "新闻", "社会", "城东公交新线下周开通", BODY1);
    assertEquals(lines("城市生活网", "城东公交新线下周开通", BODY1), edited(rule("headline-runs").apply(page)));
  }

  @Test
  void shortHeadingsBetweenParagraphsStay() {
    String page = lines("城东公交新线下周开通", "一、线路走向", BODY1, "二、发车时间", BODY2);
    assertEquals(RuleResult.KEEP, rule("headline-runs").apply(page));
  }

  @Test
  void linkFarmsAndTagCloudsGoSpecLinesAndTitlesStay() {
    Rule farm = rule("link-farm-lines");
    assertEquals(BODY1, edited(farm.apply(lines(BODY1, "标签： 公交新线 城东新区 早晚高峰 市交通局 停车场"))));
    assertEquals(BODY1, edited(farm.apply(lines(BODY1, "市区美食 城西小吃 夜市推荐 周末好去处 亲子乐园 郊外踏青"))));
    assertEquals(RuleResult.KEEP, farm.apply(lines("防爆等级 ATEX II 2G T4", "用气: 尽可能小 5 bar, 干燥过滤后的压缩空气")));
    assertEquals(RuleResult.KEEP, farm.apply("四名干部第一时间返岗 稳步推进凌云县、乐业县疫情防控、定点帮扶工作"));
    assertEquals(RuleResult.KEEP, farm.apply("娃娃菜炒香菇，炒牛肉，泡椒炒香干，洋葱炒肥牛这几道美食的做法"));
  }

  @Test
  void linesOfDigitsAndSymbolsGo() {
    Rule rule = rule("non-content-lines");
    assertEquals(BODY1, edited(rule.apply(lines("28 16:39", BODY1, "82672760、82675803", "18"))));
    assertEquals(RuleResult.KEEP, rule.apply(lines("1500 x 1750 x 800 mm (WxHxD)", "检测灵敏度：0.01mg/m3；")));
  }

  @Test
  void spamIsJudgedByDensityNotByOneWord() {
    Rule spam = rule("spam-lines");
    String injected = "据应急管理厅消息，威尼斯人现金网网址：宜春市一家制药公司发生爆炸事故，造成1人死亡、2人受伤，事故原因正在调查。";
    String farm = "优乐国际ag代理 澳门赌场官网 太阳城电玩城手机版 登峰娱乐代理网址 钻石娱乐电子平台网";
    String out = edited(spam.apply(lines(injected, BODY1, BODY2, farm)));
    assertEquals(lines("据应急管理厅消息，宜春市一家制药公司发生爆炸事故，造成1人死亡、2人受伤，事故原因正在调查。", BODY1, BODY2), out);
  }

  @Test
  void aDocumentThatIsMostlySpamIsRejected() {
    String doc = lines("秒速赛车开奖结果网址", "极速飞艇开奖结果助手", "澳洲幸运10历史结果 SG飞艇娱乐平台", "欢迎来到本站。");
    var drop = assertInstanceOf(RuleResult.Drop.class, rule("spam-lines").apply(doc));
    assertTrue(drop.value() > 0.5, "spam share " + drop.value());
  }

  @Test
  void teasersAndGeneratedSummariesGoTheTextStays() {
    Rule rule = rule("teaser-lines");
    String summary = "本文摘要：市交通局昨日发布消息，新开通的三条公交线路将于下周起运营。";
    assertEquals(lines(BODY1, BODY2), edited(rule.apply(lines(summary, BODY1, BODY2))));
    String cut = "据介绍，新线路主要服务城东新区的居民......";
    assertEquals(lines(BODY1, BODY2), edited(rule.apply(lines(BODY1, cut, BODY2))));
    String title = "城东公交新线";
    assertEquals(RuleResult.KEEP, rule.apply(lines(title, title + "的三条线路将于下周一起正式运营，沿途共设站点四十二个。")));
  }

  @Test
  void specLinesOfAProductStayWhereverTheyStand() {
    String page = lines("雅特力AT32F421 系列", "M4主频最高120MHz", "具有DSP指令集2.4V ~ 3.6V", BODY1, BODY2,
        "内胆材质：铝合金内胆", "LQFP48 7 x 7 mm", "我的账户");
    assertEquals(lines("雅特力AT32F421 系列", "M4主频最高120MHz", "具有DSP指令集2.4V ~ 3.6V", BODY1, BODY2,
        "内胆材质：铝合金内胆", "LQFP48 7 x 7 mm"), edited(rule("edge-lines").apply(page)));
    assertEquals(RuleResult.KEEP, rule("non-content-lines").apply(lines("40 ~ +105°C", "5070*1765*2490mm")));
    String specs = lines(BODY1, BODY2, "额定电压 220V 额定功率 750W", "外部低速32.768kHz晶体振荡器", "内部低速40kHz振荡器");
    assertEquals(RuleResult.KEEP, rule("headline-runs").apply(specs));
  }

  @Test
  void aTitleMayBeAModelNumberButNotATagLine() {
    String page = lines("城市生活网", "欢迎光临本站", "雅特力AT32F421 系列", BODY1);
    assertEquals(lines("城市生活网", "雅特力AT32F421 系列", BODY1), edited(rule("edge-lines").apply(page)));
    String tagged = lines("文章详情", "小爱同学朗读功能即将上线", "#小爱同学#小米", BODY1);
    assertEquals(lines("文章详情", "小爱同学朗读功能即将上线", BODY1), edited(rule("edge-lines").apply(tagged)));
    String bare = lines("APL 3.2", "OERTER APL 3.2全自动喷涂机是全自动型号，适合一到两把重力喷枪或自动喷枪。", "联系我们");
    assertEquals(lines("APL 3.2", "OERTER APL 3.2全自动喷涂机是全自动型号，适合一到两把重力喷枪或自动喷枪。"),
        edited(rule("edge-lines").apply(bare)));
  }

  @Test
  void featurePhrasesBelowTheHeadlineStayChromeAboveItGoes() {
    String page = lines("城东家纺旗舰店", "欢迎光临本站", "纯棉加厚浴巾", "2021-04-17 10:20", "质地柔软", "吸水性强", BODY1);
    assertEquals(lines("城东家纺旗舰店", "纯棉加厚浴巾", "质地柔软", "吸水性强", BODY1),
        edited(rule("edge-lines").apply(page)));
  }

  @Test
  void numberedItemsOfTheTextAreNoRelatedList() {
    String inside = lines(BODY1, "2、按合模方式分类", "1.机械式", "2.液压式", "3.液压――机械式", BODY2);
    assertEquals(RuleResult.KEEP, rule("headline-runs").apply(inside));
    String tail = lines(BODY1, "1.油漆和冲头油未清洗干净；", "5.油漆问题；", "6.烘烤温度；", "深圳誉格金属制品有限公司");
    assertEquals(lines(BODY1, "1.油漆和冲头油未清洗干净；", "5.油漆问题；", "6.烘烤温度；"),
        edited(rule("edge-lines").apply(tail)));
  }

  @Test
  void shortItemsInsideTheTextAreItsOwnListLongerTitlesThereAreARelatedList() {
    String items = lines(BODY1, "航线运输驾驶员", "认证的飞行教官", "商业飞行员", "私人飞行员", BODY2);
    assertEquals(RuleResult.KEEP, rule("headline-runs").apply(items));
    String related = lines(BODY1, "市区新增两处停车场方便市民出行", "地铁五号线最新进展公布", "城西菜市场改造完成后重新开业", BODY2);
    assertEquals(lines(BODY1, "城西菜市场改造完成后重新开业", BODY2), edited(rule("headline-runs").apply(related)));
  }

  @Test
  void anIcpLicenceLineGoesASentenceMentioningIcpStays() {
    String licence = lines("城东公交新线下周开通", BODY1, "京ICP备12345678号");
    assertEquals(lines("城东公交新线下周开通", BODY1), edited(rule("boilerplate-lines").apply(licence)));
    String sentence = lines("城东公交新线下周开通", "该公司各种注册和资质手续均齐备，且网站也有ICP备案。注册资金为两千万元。", BODY1);
    assertEquals(RuleResult.KEEP, rule("boilerplate-lines").apply(sentence));
  }

  @Test
  void listsOfBracketedTitlesAndChineseDateStampsAreRelatedLists() {
    String page = lines(BODY1, BODY2, "普洱生茶存放时间长可以喝吗(普洱生茶需要存放多久才能喝)", "舌头干苦吃什么茶好(喝完茶感觉舌头很涩)",
        "普洱茶刮油原因(喝普洱茶容易饿是因为茶刮油吗)", "小米手机延保限时特惠 2022年05月02日 20:31", "老外评价小米新机 2022年05月02日 10:24");
    assertEquals(lines(BODY1, BODY2), edited(rule("headline-runs").apply(page)));
  }

  @Test
  void slashJoinedNamesAreOneNameNotALinkFarm() {
    assertEquals(RuleResult.KEEP, rule("link-farm-lines").apply("纯棉毛巾/浴巾/方巾/地巾/枕巾 家用"));
  }

  @Test
  void aCutTeaserEqualToTheNextLineGoes() {
    String teaser = "简要描述：" + BODY1 + "...";
    assertEquals(lines(BODY1, BODY2), edited(rule("teaser-lines").apply(lines(teaser, BODY1, BODY2))));
  }

  @Test
  void linesRecurringAcrossTheSourceGoOnlyWithTheJobsCounts() {
    Rule rule = rule("site-boilerplate");
    String page = lines("城市生活网 · 让生活更美好", BODY1, BODY2);
    assertEquals(RuleResult.KEEP, rule.apply(page));
    long[] frequent = {LineHash.of("城市生活网 · 让生活更美好")};
    assertEquals(lines(BODY1, BODY2), edited(rule.apply(page, new DocContext(frequent))));
  }

  @Test
  void lineHashesAreDistinctSortedAndStable() {
    long[] h = LineHash.distinctLines(lines(" 甲乙丙 ", "甲乙丙", "丁", "戊己庚辛"), 2, 100);
    assertEquals(2, h.length);
    assertTrue(h[0] < h[1]);
    assertArrayEquals(h, LineHash.distinctLines(lines("戊己庚辛", "甲乙丙"), 2, 100));
    assertEquals(LineHash.of("甲乙丙"), LineHash.of("甲乙丙"));
    assertTrue(LineHash.of("甲乙丙") != LineHash.of("甲乙丁"));
  }

  @Test
  void qualityScoresArticlesAboveListsAndRejectsBelowTheMinimum() {
    CleanChain chain = CleanChainFactory.fromConfig(CLEAN);
    CleanOutcome article = chain.process(lines("城东公交新线下周开通", BODY1, BODY2));
    assertTrue(article.kept() && article.qualityScore() > 0.8, article.toString());
    StringBuilder list = new StringBuilder("城东生活资讯");
    for (String t : List.of("公交新线下周开通", "城西菜市场改造完成", "夜间公交延长运营", "市区新增停车场", "地铁五号线进展",
        "老旧小区加装电梯", "图书馆延长开放", "社区食堂开业了")) {
      list.append('\n').append(t).append("，详情请见专题报道……");
    }
    CleanOutcome index = chain.process(list.toString());
    assertTrue(!index.kept(), index.toString());
  }

  @Test
  void aWritersEllipsisAfterASentenceIsNotACutTeaser() {
    // dialogue trailing off ("！……") in a story: three in a row are not a run of cut excerpts
    String page = lines(BODY1, "你就是我计划中最大的阻碍！……", "我要让你像蝼蚁一样活着才能解恨。……",
        "我不杀你，我要让你受尽折磨的活着！……", BODY2);
    assertEquals(RuleResult.KEEP, rule("headline-runs").apply(page));
    // a program's cut stays a teaser, wherever it lands
    String cuts = lines(BODY1, BODY2, "公交新线下周开通，沿途共设站点四十二个。...", "城西菜市场改造完成，摊位重新划分…",
        "夜间公交延长运营时间，末班车推迟到十一点。…");
    assertEquals(lines(BODY1, BODY2), edited(rule("headline-runs").apply(cuts)));
  }

  @Test
  void aPageThatIsOneParagraphCutShortIsKept() {
    CleanChain chain = CleanChainFactory.fromConfig(CLEAN);
    CleanOutcome cut = chain.process(BODY1 + BODY2 + "市民可通过公交查询软件了解实时到站信息，新线路首末班时间另行公布……");
    assertTrue(cut.kept() && cut.qualityScore() > 0.8, cut.toString());
  }

  @Test
  void aSentenceIntroducingWhatFollowsIsProseAFieldLabelIsNot() {
    // after the last sentence: a lead-in (the tutorial below it was cut off) stays; a field label at the tail is chrome
    String page = lines("城东公交新线下周开通", BODY1, BODY2, "下面是三条新线路的首末班时间：", "联系电话：", "城市生活网");
    assertEquals(lines("城东公交新线下周开通", BODY1, BODY2, "下面是三条新线路的首末班时间："),
        edited(rule("edge-lines").apply(page)));
  }

  @Test
  void templateMetaLinesGoSentencesThatOpenAlikeStay() {
    String meta = "由 本站编辑 发布于 城市生活频道 标签：";
    String page = lines(BODY1, meta + "公交, 新线", BODY2, meta + "停车场", "城西菜市场改造完成，摊位重新划分。", meta + "夜间, 公交");
    assertEquals(lines(BODY1, BODY2, "城西菜市场改造完成，摊位重新划分。"), edited(rule("template-lines").apply(page)));
    // a product's name opening its lines: the text's own when they run long after it
    String product = lines("OERTER APL 3.2全自动喷涂机 除了喷涂压缩空气气压外，所有喷涂参数可以在触摸屏上设定并保存为配方",
        "OERTER APL 3.2全自动喷涂机是全自动型号,适合1到2把重力喷枪或自动喷枪，可以喷涂水性漆和溶剂型漆",
        "OERTER APL 3.2全自动喷涂机的喷枪移动速度、喷涂距离和重叠量都由伺服电机精确控制");
    assertEquals(RuleResult.KEEP, rule("template-lines").apply(product));
    // criteria worded alike: sentences, however short the part that differs
    String criteria = lines("评委将重点关注设计趋势、布局有效性、读者友好度、创意和兴趣度。",
        "评委将重点关注设计趋势、布局有效性、读者友好度、创造力和兴趣度。", "评委将重点关注设计趋势、布局有效性、读者友好度和准确性。");
    assertEquals(RuleResult.KEEP, rule("template-lines").apply(criteria));
    // the same full line again is a repeat (repeated-lines keeps its first), not a template
    assertEquals(RuleResult.KEEP, rule("template-lines").apply(lines(meta + "公交", meta + "公交", meta + "公交")));
  }
}
