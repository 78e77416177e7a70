package io.corpusforge.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class LineRulesTest {
  private final LinePatternRule boilerplate = new LinePatternRule("boilerplate-lines",
      ShippedLists.read("clean/boilerplate-lines.txt"), 80, 0.9);
  // the thresholds of conf/clean.conf (spam-lines, link-farm-lines)
  private final SpamLinesRule spam = new SpamLinesRule("spam-lines", ShippedLists.read("clean/spam-lines.txt"), 0.3,
      0.5, new LinkFarmRule("link-farm-lines", 4, 10, 15, 0.8));

  private static String edited(RuleResult r) {
    return assertInstanceOf(RuleResult.Edit.class, r).text();
  }

  @Test
  void webBoilerplateLinesAreRemoved() {
    String page = String.join("\n",
        "首页 > 新闻中心 > 国内新闻",
        "深圳地铁将设立头等车厢，乘客买双倍票可享坐票。",
        "发布时间：2012-07-06 浏览：1234次",
        "打开APP查看高清大图",
        "市政府副秘书长表示，地铁未来的方向将分等级，满足不同层次的人的需求。",
        "分享到：微信 微博 QQ空间",
        "点赞 12 评论 3",
        "北欧广播, 北欧电视, 华侨华人, 国际新闻, 头条要闻",
        "版权所有 © 2012 南方都市报 粤ICP备12345678号",
        "转载请注明出处",
        "免责声明：本文仅代表作者观点，不代表本站立场。");
    assertEquals("深圳地铁将设立头等车厢，乘客买双倍票可享坐票。\n市政府副秘书长表示，地铁未来的方向将分等级，满足不同层次的人的需求。",
        edited(boilerplate.apply(page)));
  }

  @Test
  void longContentLineMentioningCopyrightStays() {
    String line = "法院认为，被告未经许可在其网站上使用原告享有版权的摄影作品，构成侵权，判决赔偿经济损失两万元，并在网站首页刊登致歉声明，以消除影响。";
    assertEquals(RuleResult.KEEP, boilerplate.apply(line));
  }

  @Test
  void contactAdsAndGamblingLinesAreSpam() {
    String doc = String.join("\n",
        "本店长期出售各类二手相机，价格实惠，质量保证，欢迎各位新老顾客前来选购，我们会给您最好的服务。",
        "有意者请加QQ：123456789 或微信 abc_888888 详谈",
        "本店位于市中心，交通便利，营业时间为每天上午九点至晚上九点，节假日照常营业，欢迎光临。",
        "本店与多家相机厂商建立了长期合作关系，所有商品均为正品行货，支持全国联保，售后无忧，请放心选购。");
    String out = edited(spam.apply(doc));
    assertEquals(3, out.split("\n").length);
    assertEquals(false, out.contains("QQ"));
  }

  @Test
  void spamDominatedDocumentIsRejected() {
    String doc = "王者威尼斯人现金网网址，注册送彩金\n百家乐真人娱乐城开户\n今天天气很好。";
    var drop = assertInstanceOf(RuleResult.Drop.class, spam.apply(doc));
    assertEquals(true, drop.value() > 0.3);
  }

  @Test
  void ordinaryNewsIsNotSpam() {
    String news = "据江西省应急管理厅消息，宜春市铜鼓县一家制药公司发生爆炸事故，造成1人死亡、2人受伤。咨询电话已经公布。";
    assertEquals(RuleResult.KEEP, spam.apply(news));
  }

  @Test
  void repeatedParagraphsKeepTheFirst() {
    var rule = new RepeatedLinesRule("repeated-lines", 2, 0.9);
    String doc = "第一段内容。\n第二段内容。\n第一段 内容。\n第三段。\n第二段内容。";
    assertEquals("第一段内容。\n第二段内容。\n第三段。", edited(rule.apply(doc)));
  }

  @Test
  void menuRunsOfShortLinesGoButALoneHeadingStays() {
    var rule = new ShortLineRunsRule("short-line-runs", 6, 4);
    String page = "新闻\n科技\n生活\n\n论坛\n下载APP\n市图书馆延长开放时间\n这是一段正文，讲述了事情的经过。\n小结\n最后一段正文，说明了结果。";
    assertEquals("市图书馆延长开放时间\n这是一段正文，讲述了事情的经过。\n小结\n最后一段正文，说明了结果。",
        edited(rule.apply(page)));
    assertEquals(RuleResult.KEEP, rule.apply("小标题\n这是一段正文，讲述了事情的经过。"));
  }
}
