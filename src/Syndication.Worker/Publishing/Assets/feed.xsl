<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shows our RSS 2.0 and Atom 1.0 feeds as a readable page when someone opens them in a browser; feed readers
  ignore it. XSLT 1.0 because that is what browsers run. No scripts and nothing fetched from elsewhere, so the
  page works offline and under a strict Content-Security-Policy. Feed text is never output unescaped.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">

  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <!-- One page for both formats: each variable reads the RSS element or its Atom counterpart, whichever exists. -->
  <xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
  <xsl:variable name="description" select="/rss/channel/description | /atom:feed/atom:subtitle"/>
  <xsl:variable name="home" select="/rss/channel/link | /atom:feed/atom:link[@rel = 'alternate']/@href"/>
  <xsl:variable name="self" select="/rss/channel/atom:link[@rel = 'self']/@href | /atom:feed/atom:link[@rel = 'self']/@href"/>

  <xsl:template match="/">
    <html lang="vi">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> – kênh tin</title>
        <style>
          body { font: 1rem/1.6 system-ui, sans-serif; color: #222; background: #fafafa; margin: 0; }
          main { max-width: 44rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
          .about { background: #fff8e1; border: 1px solid #f0d98c; border-radius: .5rem; padding: .25rem 1rem; }
          code { display: block; padding: .5rem; background: #fff; border: 1px solid #ddd; word-break: break-all; user-select: all; }
          h1 { margin-bottom: .25rem; }
          ol { list-style: none; padding: 0; }
          li { padding: .75rem 0; border-bottom: 1px solid #e5e5e5; }
          li a { font-weight: 600; font-size: 1.1rem; }
          time { display: block; color: #666; font-size: .9rem; }
          li p { margin: .25rem 0 0; }
        </style>
      </head>
      <body>
        <main>
          <section class="about">
            <p><strong>Đây là kênh tin (RSS/Atom)</strong>, dành cho ứng dụng đọc tin chứ không phải để đọc trực tiếp
              trên trình duyệt. Theo dõi kênh tin, bạn nhận được bài mới ngay khi báo đăng mà không phải mở trang báo.</p>
            <p>Cách theo dõi: sao chép địa chỉ dưới đây và dán vào một ứng dụng đọc tin như Feedly, Inoreader,
              NetNewsWire hoặc Miniflux.</p>
            <p><code><xsl:value-of select="$self"/></code></p>
          </section>
          <header>
            <h1><xsl:value-of select="$title"/></h1>
            <p><xsl:value-of select="$description"/></p>
            <xsl:if test="$home">
              <p><a href="{$home}">Đến trang báo</a></p>
            </xsl:if>
          </header>
          <h2>Bài mới</h2>
          <ol>
            <xsl:apply-templates select="/rss/channel/item | /atom:feed/atom:entry"/>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <xsl:call-template name="item">
      <xsl:with-param name="title" select="title"/>
      <xsl:with-param name="link" select="link"/>
      <xsl:with-param name="date" select="pubDate"/>
      <!-- An RSS description may be HTML (republished entries) or plain text (our leads); strip tags either way. -->
      <xsl:with-param name="summary">
        <xsl:call-template name="strip-tags">
          <xsl:with-param name="html" select="description"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="atom:entry">
    <xsl:call-template name="item">
      <xsl:with-param name="title" select="atom:title"/>
      <xsl:with-param name="link" select="atom:link[@rel = 'alternate' or not(@rel)]/@href"/>
      <xsl:with-param name="date" select="atom:published | atom:updated[not(../atom:published)]"/>
      <xsl:with-param name="summary">
        <xsl:choose>
          <xsl:when test="atom:summary/@type = 'html'">
            <xsl:call-template name="strip-tags">
              <xsl:with-param name="html" select="atom:summary"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="atom:summary"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="item">
    <xsl:param name="title"/>
    <xsl:param name="link"/>
    <xsl:param name="date"/>
    <xsl:param name="summary"/>
    <li>
      <xsl:choose>
        <xsl:when test="$link"><a href="{$link}"><xsl:value-of select="$title"/></a></xsl:when>
        <xsl:otherwise><strong><xsl:value-of select="$title"/></strong></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$date">
        <time>
          <xsl:call-template name="date">
            <xsl:with-param name="value" select="normalize-space($date)"/>
          </xsl:call-template>
        </time>
      </xsl:if>
      <xsl:if test="normalize-space($summary)">
        <p><xsl:value-of select="normalize-space($summary)"/></p>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- "dd/MM/yyyy HH:mm" as Vietnamese readers write dates, from Atom's RFC 3339 or our RSS's RFC 822
       ("Thu, 29 Jul 2021 17:03:00 +0700"); both already carry the archive's local time. Anything else is shown as is. -->
  <xsl:template name="date">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="substring($value, 5, 1) = '-' and substring($value, 11, 1) = 'T'">
        <xsl:value-of select="concat(substring($value, 9, 2), '/', substring($value, 6, 2), '/', substring($value, 1, 4), ' ', substring($value, 12, 5))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="after-day" select="substring-after(substring-after($value, ', '), ' ')"/>
        <xsl:variable name="month-name" select="substring($after-day, 1, 3)"/>
        <xsl:choose>
          <xsl:when test="string-length($month-name) = 3 and contains('JanFebMarAprMayJunJulAugSepOctNovDec', $month-name)">
            <xsl:variable name="day" select="substring-before(substring-after($value, ', '), ' ')"/>
            <xsl:variable name="month" select="string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', $month-name)) div 3 + 1"/>
            <xsl:value-of select="concat(format-number($day, '00'), '/', format-number($month, '00'), '/', substring($after-day, 5, 4), ' ', substring($after-day, 10, 5))"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- HTML as text: each tag becomes a space (normalize-space folds them later). -->
  <xsl:template name="strip-tags">
    <xsl:param name="html"/>
    <xsl:choose>
      <xsl:when test="contains($html, '&lt;') and contains(substring-after($html, '&lt;'), '&gt;')">
        <xsl:value-of select="substring-before($html, '&lt;')"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="strip-tags">
          <xsl:with-param name="html" select="substring-after(substring-after($html, '&lt;'), '&gt;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$html"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
